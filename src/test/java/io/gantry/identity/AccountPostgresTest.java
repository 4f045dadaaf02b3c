package io.gantry.identity;

import io.gantry.OnPostgres;

@OnPostgres
class AccountPostgresTest extends AccountContract {
}
