package io.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's load over the last 1, 5 and 15 minutes, printed with a benchmark's figures: on a busy machine they
 * mean little.
 */
public final class LoadAverage {

    private LoadAverage() {
    }

    public static String now() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
