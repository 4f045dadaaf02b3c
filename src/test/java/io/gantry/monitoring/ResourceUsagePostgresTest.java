package io.gantry.monitoring;

import io.gantry.OnPostgres;

@OnPostgres
class ResourceUsagePostgresTest extends ResourceUsageContract {
}
