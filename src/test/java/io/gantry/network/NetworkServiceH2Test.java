package io.gantry.network;

import io.gantry.OnH2;

@OnH2
class NetworkServiceH2Test extends NetworkServiceContract {
}
