package io.gantry.workload;

import io.gantry.OnH2;

@OnH2
class JobServiceH2Test extends JobServiceContract {
}
