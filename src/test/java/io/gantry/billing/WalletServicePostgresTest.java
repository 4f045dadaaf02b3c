package io.gantry.billing;

import io.gantry.OnPostgres;

@OnPostgres
class WalletServicePostgresTest extends WalletServiceContract {
}
