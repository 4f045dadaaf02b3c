package io.gantry.container;

import io.gantry.OnPostgres;

@OnPostgres
class ContainerServicePostgresTest extends ContainerServiceContract {
}
