package io.gantry.cluster;

import io.gantry.OnH2;

@OnH2
class ClusterServiceH2Test extends ClusterServiceContract {
}
