package io.gantry.network;

import io.gantry.OnPostgres;

@OnPostgres
class NetworkServicePostgresTest extends NetworkServiceContract {
}
