package io.gantry.runtime.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects what a terminal prints and waits, with a generous deadline, for a pattern to show up. */
final class TerminalScreen {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    TerminalScreen(InputStream output) {
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = output.read(buffer)) >= 0; ) {
                    synchronized (seen) {
                        seen.write(buffer, 0, n);
                        seen.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // The terminal closed.
            }
        });
    }

    Matcher awaitMatch(String regex) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (seen) {
            while (true) {
                Matcher matcher = pattern.matcher(seen.toString(StandardCharsets.UTF_8));
                if (matcher.find()) {
                    return matcher;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("No " + regex + " in: " + seen.toString(StandardCharsets.UTF_8));
                }
                seen.wait(left);
            }
        }
    }
}
