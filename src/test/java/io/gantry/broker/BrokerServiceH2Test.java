package io.gantry.broker;

import io.gantry.OnH2;

@OnH2
class BrokerServiceH2Test extends BrokerServiceContract {
}
