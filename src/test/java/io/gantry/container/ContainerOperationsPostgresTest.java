package io.gantry.container;

import io.gantry.OnPostgres;

@OnPostgres
class ContainerOperationsPostgresTest extends ContainerOperationsContract {
}
