package io.gantry.monitoring;

import io.gantry.OnH2;

@OnH2
class ResourceUsageH2Test extends ResourceUsageContract {
}
