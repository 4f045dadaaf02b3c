package io.gantry.workload;

import io.gantry.OnKubernetesH2;

@OnKubernetesH2
class KubernetesWorkloadsH2Test extends KubernetesWorkloadsContract {
}
