package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gantry.EmbeddedPostgres;
import io.gantry.GantryApplication;
import io.gantry.KubernetesTestCluster;
import io.gantry.container.Container;
import io.gantry.runtime.kubernetes.KubernetesNames;
import io.gantry.runtime.kubernetes.MockClusterConfiguration;
import io.gantry.shared.SystemTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** On a PostgreSQL database of its own; and two replicas on it against one cluster. */
@SpringBootTest(properties = {MockClusterConfiguration.RUNTIME_TYPE, KubernetesTestCluster.QUARTZ_OFF,
        KubernetesTestCluster.ORPHANS_AT_ONCE})
@ActiveProfiles("test")
@ContextConfiguration(initializers = KubernetesPostgres.class)
@Import({MockClusterConfiguration.class, KubernetesTestCluster.class})
class KubernetesWorkloadsPostgresTest extends KubernetesWorkloadsContract {

    /**
     * A second replica on this database and this cluster: both resync over and over (orphan sweeps included) while
     * containers are made and placed; each starts once, as one Pod, neither replica deletes the other's objects, and
     * a replica starting up meanwhile (its adoption of what runs) takes nothing of the other's for unexpected.
     */
    @Test
    void two_replicas_on_one_database_and_one_cluster_do_not_fight() throws Exception {
        try (KubernetesClient secondClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(mock.server().url("/")).withTrustCerts(true).withHttp2Disable(true)
                .withRequestRetryBackoffLimit(0).build()).build();
             ConfigurableApplicationContext second = replica(secondClient)) {
            ExecutorService threads = Executors.newFixedThreadPool(2);
            AtomicBoolean racing = new AtomicBoolean(true);
            try {
                List<Future<Integer>> racers = new ArrayList<>();
                List<AtomicInteger> rounds = List.of(new AtomicInteger(), new AtomicInteger());
                for (int r = 0; r < 2; r++) {
                    ApplicationContext replica = List.of(context, second).get(r);
                    AtomicInteger itsRounds = rounds.get(r);
                    racers.add(threads.submit(() -> resyncWhile(replica, racing, itsRounds)));
                }
                // Starting a replica on this thread signed its user out.
                accounts.signInAs(owner);
                List<Container> made = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    made.add(containers.create(form("twin-" + i, 1)));
                }
                for (Container container : made) {
                    await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.RUNNING);
                    mock.setPodStatus(namespace(), container.runtimeId(), io.gantry.runtime.kubernetes.MockCluster
                            .running());
                }
                second.getBean(SystemTask.class).run(() -> {
                    second.getBean(WorkloadReconciler.class).recoverNow();
                    return null;
                });
                // A few more rounds each once all run: neither may start one again, take it for lost or an orphan.
                List<Integer> atRunning = rounds.stream().map(AtomicInteger::get).toList();
                await().atMost(SOON).until(() -> rounds.get(0).get() >= atRunning.get(0) + 3
                        && rounds.get(1).get() >= atRunning.get(1) + 3);
                racing.set(false);
                for (Future<Integer> racer : racers) {
                    assertThat(racer.get()).as("resyncs by one replica").isPositive();
                }
                for (Container container : made) {
                    assertThat(phase(container)).isEqualTo(Phase.RUNNING);
                    assertThat(workloads.events(container.workloadId()).stream().filter(e -> e.from() != null)
                            .map(e -> tuple(e.from(), e.to())).toList()).as("started once")
                            .containsExactly(tuple(Phase.QUEUED, Phase.CREATING), tuple(Phase.CREATING,
                                    Phase.RUNNING));
                    assertThat(client().pods().inNamespace(namespace())
                            .withLabel(KubernetesNames.WORKLOAD, container.runtimeId()).list().getItems())
                            .as("one Pod, kept by both replicas' sweeps").hasSize(1);
                }
                assertThat(mock.calls().stream().filter(call -> call.method().equals("DELETE")
                        && made.stream().anyMatch(c -> call.path().contains(c.runtimeId()))).toList())
                        .as("deletes of the running workloads' objects by this replica").isEmpty();
            } finally {
                racing.set(false);
                threads.shutdownNow();
            }
        }
    }

    /** Resyncs on the replica as fast as it can until told to stop; how many times. */
    private static int resyncWhile(ApplicationContext replica, AtomicBoolean racing, AtomicInteger rounds) {
        WorkloadReconciler reconciler = replica.getBean(WorkloadReconciler.class);
        SystemTask system = replica.getBean(SystemTask.class);
        while (racing.get()) {
            system.run(() -> {
                reconciler.resync();
                return null;
            });
            rounds.incrementAndGet();
        }
        return rounds.get();
    }

    private static ConfigurableApplicationContext replica(KubernetesClient client) {
        return new SpringApplicationBuilder(GantryApplication.class).profiles("test")
                .initializers(context -> ((GenericApplicationContext) context).registerBean("kubernetesClient",
                        KubernetesClient.class, () -> client, definition -> definition.setDestroyMethodName("")))
                .run("--spring.datasource.url=" + KubernetesPostgres.url(),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--server.port=0", "--gantry.secret-key=" + EmbeddedPostgres.SECRET_KEY,
                        "--gantry.runtime.type=kubernetes", "--gantry.runtime.kubernetes.orphan-grace=0s",
                        "--spring.quartz.auto-startup=false",
                        "--spring.quartz.properties.org.quartz.jobStore.driverDelegateClass="
                                + "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    }
}
