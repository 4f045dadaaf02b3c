package io.gantry.broker;

import io.gantry.OnPostgres;

@OnPostgres
class BrokerServicePostgresTest extends BrokerServiceContract {
}
