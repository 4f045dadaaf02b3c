package io.gantry.deploy;

import io.gantry.runtime.JupyterTraffic;
import io.gantry.runtime.kubernetes.KubernetesRuntime;
import io.gantry.runtime.kubernetes.KubernetesRuntimeProperties;
import io.gantry.runtime.kubernetes.MockCluster;
import java.time.Clock;
import java.time.Duration;

/** The kubernetes runtime with its default settings, talking to a mock cluster. */
final class RuntimeUnderTest {

    private RuntimeUnderTest() {
    }

    /**
     * @param clock the runtime's clock; one ahead of the mock's by more than {@code orphan-grace} makes every object
     *              old enough for the orphan sweep to delete
     */
    static KubernetesRuntime of(MockCluster cluster, Clock clock) {
        return new KubernetesRuntime(cluster.client(), KubernetesRuntimeProperties.defaults(), clock,
                new JupyterTraffic(clock));
    }

    /** With a clock an hour ahead of the cluster's: objects nobody expects are orphans at once. */
    static KubernetesRuntime sweepingAtOnce(MockCluster cluster) {
        return of(cluster, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
    }
}
