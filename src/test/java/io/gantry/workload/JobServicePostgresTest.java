package io.gantry.workload;

import io.gantry.OnPostgres;

@OnPostgres
class JobServicePostgresTest extends JobServiceContract {
}
