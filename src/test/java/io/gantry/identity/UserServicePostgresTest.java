package io.gantry.identity;

import io.gantry.OnPostgres;

@OnPostgres
class UserServicePostgresTest extends UserServiceContract {
}
