package io.gantry.runtime.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.io.input.ReversedLinesFileReader;

/** A workload's output file: its last lines. */
final class LogFile {

    private LogFile() {
    }

    /**
     * The last {@code count} lines, read from the end so that a long log costs no more than its tail. Lines end at
     * a line feed, a carriage return or both; a character is never cut where the reader's blocks meet.
     */
    static List<String> tail(Path file, int count) throws IOException {
        if (!Files.exists(file) || count <= 0) {
            return List.of();
        }
        try (ReversedLinesFileReader reader = ReversedLinesFileReader.builder().setPath(file)
                .setCharset(StandardCharsets.UTF_8).get()) {
            List<String> lines = new ArrayList<>(reader.readLines(count));
            Collections.reverse(lines);
            return List.copyOf(lines);
        }
    }
}
