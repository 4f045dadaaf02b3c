package io.gantry;

import io.gantry.runtime.kubernetes.MockClusterConfiguration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application in Kubernetes mode against a mock cluster, on an H2 database of its own (apart from the
 * local-mode contexts' one, whose workloads and nodes are none of its runtime's business); all such tests share one
 * Spring context.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:gantry-kubernetes;MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", MockClusterConfiguration.RUNTIME_TYPE,
        KubernetesTestCluster.QUARTZ_OFF, KubernetesTestCluster.ORPHANS_AT_ONCE})
@ActiveProfiles("test")
@Import({MockClusterConfiguration.class, KubernetesTestCluster.class})
public @interface OnKubernetesH2 {
}
