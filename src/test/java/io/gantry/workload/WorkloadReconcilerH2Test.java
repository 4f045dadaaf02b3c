package io.gantry.workload;

import io.gantry.OnH2;

@OnH2
class WorkloadReconcilerH2Test extends WorkloadReconcilerContract {
}
