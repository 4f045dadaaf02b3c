package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.gantry.EmbeddedPostgres;
import io.gantry.GantryApplication;
import io.gantry.OnPostgres;
import io.gantry.container.Container;
import io.gantry.container.ContainerService;
import io.gantry.identity.TestAccounts;
import io.gantry.runtime.local.LocalRuntime;
import io.gantry.shared.SystemTask;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

@OnPostgres
class WorkloadReconcilerPostgresTest extends WorkloadReconcilerContract {

    /**
     * Two more replicas on this PostgreSQL, each with a runtime of its own, reconcile the same workloads over and over
     * while one of them creates and places them: each starts exactly once, in one runtime, and keeps running.
     */
    @Test
    void two_reconcilers_in_two_replicas_acting_on_the_same_workload_start_it_once() throws Exception {
        try (ConfigurableApplicationContext b = replica(); ConfigurableApplicationContext c = replica()) {
            assertThat(b.getBean(RuntimeInstance.class).id()).isNotEqualTo(c.getBean(RuntimeInstance.class).id());
            List<ApplicationContext> replicas = List.of(context, b, c);
            ContainerService onB = b.getBean(ContainerService.class);
            TestAccounts accountsOnB = new TestAccounts(b);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 3; round++) {
                    AtomicBoolean racing = new AtomicBoolean(true);
                    CountDownLatch go = new CountDownLatch(1);
                    List<Long> target = new ArrayList<>();
                    List<Future<Integer>> racers = new ArrayList<>();
                    List<AtomicInteger> rounds = List.of(new AtomicInteger(), new AtomicInteger());
                    for (int r = 0; r < 2; r++) {
                        ConfigurableApplicationContext replica = List.of(b, c).get(r);
                        AtomicInteger itsRounds = rounds.get(r);
                        racers.add(threads.submit(() -> reconcileWhile(replica, target, go, racing, itsRounds)));
                    }
                    accountsOnB.signInAs(owner);
                    Container container = onB.create(form("twin-" + round, 1));
                    accountsOnB.signOut();
                    synchronized (target) {
                        target.add(container.workloadId());
                    }
                    go.countDown();
                    await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.RUNNING);
                    // Keep both at it for a few more rounds each: neither may start it again or take it for lost.
                    List<Integer> atRunning = rounds.stream().map(AtomicInteger::get).toList();
                    await().atMost(SOON).until(() -> rounds.get(0).get() >= atRunning.get(0) + 3
                            && rounds.get(1).get() >= atRunning.get(1) + 3);
                    racing.set(false);
                    for (Future<Integer> racer : racers) {
                        assertThat(racer.get()).as("reconciles by one replica").isPositive();
                    }

                    Workload started = workload(container);
                    assertThat(started.phase()).isEqualTo(Phase.RUNNING);
                    long homesWithIt = replicas.stream().filter(r -> Files.exists(r.getBean(LocalRuntime.class).home()
                            .resolve("workloads").resolve(container.runtimeId()).resolve("main.pid"))).count();
                    assertThat(homesWithIt).as("runtimes that started it").isOne();
                    assertThat(processesOf(container.runtimeId())).isNotEmpty();
                    assertThat(events(container)).containsExactly(tuple(null, Phase.QUEUED, null),
                            tuple(Phase.QUEUED, Phase.CREATING, null), tuple(Phase.CREATING, Phase.RUNNING, null));
                    ApplicationContext holder = replicas.stream().filter(r -> r.getBean(RuntimeInstance.class).id()
                            .equals(started.runtimeInstance())).findFirst().orElseThrow();
                    assertThat(holder.getBean(LocalRuntime.class).inspect(container.runtimeId()).state().isLive())
                            .isTrue();

                    accountsOnB.signInAs(owner);
                    onB.stop(container.id());
                    accountsOnB.signOut();
                    await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.STOPPED);
                    assertThat(processesOf(container.runtimeId())).isEmpty();
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /** Reconciles the target workload on this replica as fast as it can, until told to stop; how many times. */
    private static int reconcileWhile(ApplicationContext replica, List<Long> target, CountDownLatch go,
                                      AtomicBoolean racing, AtomicInteger rounds) throws InterruptedException {
        WorkloadReconciler reconciler = replica.getBean(WorkloadReconciler.class);
        SystemTask system = replica.getBean(SystemTask.class);
        go.await();
        long id;
        synchronized (target) {
            id = target.getFirst();
        }
        while (racing.get()) {
            system.run(() -> {
                reconciler.reconcile(id);
                reconciler.resync();
                return null;
            });
            rounds.incrementAndGet();
        }
        return rounds.get();
    }

    private static ConfigurableApplicationContext replica() {
        var postgres = EmbeddedPostgres.server();
        return new SpringApplicationBuilder(GantryApplication.class).profiles("test")
                .run("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--server.port=0", "--gantry.secret-key=" + EmbeddedPostgres.SECRET_KEY,
                        "--spring.quartz.auto-startup=false",
                        "--spring.quartz.properties.org.quartz.jobStore.driverDelegateClass="
                                + "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    }
}
