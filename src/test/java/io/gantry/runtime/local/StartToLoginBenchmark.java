package io.gantry.runtime.local;

import io.gantry.runtime.Access;
import io.gantry.runtime.Endpoint;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Measures, on the local runtime, the time from a start request to the real OpenSSH client's first successful
 * login with a password ({@code ssh user@host true}), with Jupyter asked for as well, as the demo images do.
 * Not a test: run by hand (docs/performance.md).
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.gantry.runtime.local.StartToLoginBenchmark [runs]
 * </pre>
 */
public final class StartToLoginBenchmark {

    private static final String PASSWORD = "Bench-Pass-123";

    private StartToLoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        Path home = Files.createTempDirectory("gantry-bench");
        LocalRuntime runtime = new LocalRuntime(new LocalRuntimeProperties(home.toString(), "127.0.0.1", "127.0.0.1",
                Duration.ofSeconds(2), Duration.ofSeconds(2)), event -> { }, Clock.systemUTC());
        List<Long> millis = new ArrayList<>();
        try {
            for (int run = 0; run < runs; run++) {
                String id = "bench-" + run;
                long started = System.nanoTime();
                var status = runtime.start(new WorkloadSpec(id, "bench", 1, new WorkloadSpec.ImageRef("bench", null),
                        List.of(), Map.of(), WorkloadSpec.Devices.NONE, new WorkloadSpec.Resources(2, 4096, 0),
                        new Access(true, PASSWORD, List.of(), true, "benchtoken0123456789", Access.SourceFilter.ANYONE),
                        false));
                if (status.state() != WorkloadState.RUNNING) {
                    throw new IllegalStateException("Did not start: " + status);
                }
                int port = runtime.endpoints(id).stream().filter(e -> e.kind() == Endpoint.Kind.SSH).findFirst()
                        .orElseThrow().port();
                var login = OpenSshClient.withPassword(PASSWORD, "bench", port).ssh(List.of(), "true");
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                if (login.exitCode() != 0) {
                    throw new IllegalStateException("Login failed: " + login.errors());
                }
                millis.add(elapsed);
                runtime.stop(id, Duration.ofSeconds(2));
            }
        } finally {
            runtime.stopAll();
            runtime.destroy();
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("start request to first SSH login, %d runs: median %d ms, min %d ms, max %d ms (%s)%n",
                runs, sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast(), millis);
    }
}
