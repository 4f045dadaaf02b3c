package io.gantry.workload;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** On an H2 database of its own, apart from the local-mode contexts' one. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:gantry-kubernetes;MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class KubernetesWorkloadsH2Test extends KubernetesWorkloadsContract {
}
