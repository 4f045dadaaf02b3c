package io.gantry.runtime.local;

import io.gantry.runtime.Access;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Measures what a workload's SSH server costs, by hand rather than in the suite:
 * <ol>
 *   <li>the time from {@link WorkloadSshServer#start} until the OpenSSH client has logged in and run {@code true},
 *       next to the same login against a server that already runs (the client's own share);</li>
 *   <li>the heap and threads an idle server keeps, over many servers at once.</li>
 * </ol>
 * Arguments: {@code [logins [servers]]}, by default 11 and 50. Run after {@code ./mvnw test-compile} with the test
 * class path, e.g. {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.gantry.runtime.local.SshServerFootprint} where cp.txt comes from
 * {@code ./mvnw -q dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class SshServerFootprint {

    private static final String WORKLOAD = "footprint";
    private static final String OWNER = "ada";

    private SshServerFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int logins = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int servers = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path temp = Files.createTempDirectory("ssh-footprint");
        Path workspace = Files.createDirectory(temp.resolve("work"));
        Path identity = temp.resolve("id");
        PublicKey key = OpenSshClient.generateKey(identity);
        WorkloadSshServer.Settings settings = new WorkloadSshServer.Settings(WORKLOAD, OWNER, workspace,
                Map.of("GANTRY_WORKLOAD", WORKLOAD, "PATH", "/usr/bin:/bin", "HOME", workspace.toString()),
                new Access(true, null, List.of(key), false, null, Access.SourceFilter.ANYONE), "127.0.0.1",
                temp.resolve("host-keys"));

        long[] startToLogin = new long[logins];
        long[] startOnly = new long[logins];
        long[] loginOnly = new long[logins];
        for (int i = 0; i < logins; i++) {
            long begin = System.nanoTime();
            try (WorkloadSshServer server = WorkloadSshServer.start(settings)) {
                long listening = System.nanoTime();
                login(identity, server);
                long loggedIn = System.nanoTime();
                login(identity, server);
                long again = System.nanoTime();
                startOnly[i] = listening - begin;
                startToLogin[i] = loggedIn - begin;
                loginOnly[i] = again - loggedIn;
            }
        }
        System.out.printf("start() alone:                     median %6.1f ms (min %.1f, max %.1f)%n",
                median(startOnly), min(startOnly), max(startOnly));
        System.out.printf("start() to `ssh host true` done:   median %6.1f ms (min %.1f, max %.1f)%n",
                median(startToLogin), min(startToLogin), max(startToLogin));
        System.out.printf("`ssh host true` on a running one:  median %6.1f ms (min %.1f, max %.1f)%n",
                median(loginOnly), min(loginOnly), max(loginOnly));

        long heapBefore = settledHeap();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<WorkloadSshServer> idle = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            idle.add(WorkloadSshServer.start(settings));
        }
        long heapWith = settledHeap();
        int threadsWith = ManagementFactory.getThreadMXBean().getThreadCount();
        System.out.printf("%d idle servers: %.1f KiB heap and %.2f threads each (heap %.1f -> %.1f MiB, "
                        + "threads %d -> %d)%n", servers, (heapWith - heapBefore) / 1024.0 / servers,
                (threadsWith - threadsBefore) / (double) servers, heapBefore / 1048576.0, heapWith / 1048576.0,
                threadsBefore, threadsWith);
        for (WorkloadSshServer server : idle) {
            server.close();
        }
    }

    private static void login(Path identity, WorkloadSshServer server) throws Exception {
        OpenSshClient.Result result = OpenSshClient.withKey(identity, OWNER, server.port()).ssh(List.of(), "true");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("Login failed: " + result);
        }
    }

    /** Used heap once collections no longer free anything, so that garbage does not count as kept. */
    private static long settledHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            System.gc();
            Thread.sleep(200);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used - 64 * 1024) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElseThrow() / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElseThrow() / 1e6;
    }
}
