package io.gantry.cluster;

import io.gantry.OnPostgres;

@OnPostgres
class ClusterServicePostgresTest extends ClusterServiceContract {
}
