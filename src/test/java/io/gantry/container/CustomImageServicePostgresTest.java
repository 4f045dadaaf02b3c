package io.gantry.container;

import io.gantry.OnPostgres;

@OnPostgres
class CustomImageServicePostgresTest extends CustomImageServiceContract {
}
