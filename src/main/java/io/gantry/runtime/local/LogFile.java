package io.gantry.runtime.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A workload's output file: its last lines, and the lines that follow. */
final class LogFile {

    private static final int CHUNK = 64 * 1024;
    private static final long FOLLOW_POLL_MILLIS = 200;

    private LogFile() {
    }

    /** The last {@code count} lines, read from the end so that a long log costs no more than its tail. */
    static List<String> tail(Path file, int count) throws IOException {
        if (!Files.exists(file) || count <= 0) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            long start = end;
            byte[] collected = new byte[0];
            int newlines = 0;
            while (start > 0 && newlines <= count) {
                int size = (int) Math.min(CHUNK, start);
                start -= size;
                byte[] chunk = new byte[size];
                in.seek(start);
                in.readFully(chunk);
                for (byte b : chunk) {
                    if (b == '\n') {
                        newlines++;
                    }
                }
                byte[] joined = new byte[chunk.length + collected.length];
                System.arraycopy(chunk, 0, joined, 0, chunk.length);
                System.arraycopy(collected, 0, joined, chunk.length, collected.length);
                collected = joined;
            }
            Deque<String> lines = new ArrayDeque<>();
            for (String line : new String(collected, StandardCharsets.UTF_8).split("\n", -1)) {
                lines.addLast(line);
                if (lines.size() > count + 1) {
                    lines.removeFirst();
                }
            }
            if (!lines.isEmpty() && lines.peekLast().isEmpty()) {
                lines.removeLast();
            }
            while (lines.size() > count) {
                lines.removeFirst();
            }
            return List.copyOf(lines);
        }
    }

    /**
     * Passes each new complete line to {@code line} from the current end of the file, until closed or until
     * {@code live} turns false and everything written before has been passed on.
     */
    static AutoCloseable follow(Path file, BooleanSupplier live, Consumer<String> line) {
        Thread follower = Thread.ofVirtual().name("log-follow-" + file.getFileName()).start(() -> {
            try {
                long position = Files.exists(file) ? Files.size(file) : 0;
                StringBuilder partial = new StringBuilder();
                while (!Thread.currentThread().isInterrupted()) {
                    boolean wasLive = live.getAsBoolean();
                    long size = Files.exists(file) ? Files.size(file) : 0;
                    if (size > position) {
                        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                            in.seek(position);
                            byte[] bytes = new byte[(int) Math.min(size - position, CHUNK)];
                            in.readFully(bytes);
                            position += bytes.length;
                            partial.append(new String(bytes, StandardCharsets.UTF_8));
                        }
                        int newline;
                        while ((newline = partial.indexOf("\n")) >= 0) {
                            line.accept(partial.substring(0, newline));
                            partial.delete(0, newline + 1);
                        }
                        continue;
                    }
                    if (!wasLive) {
                        if (!partial.isEmpty()) {
                            line.accept(partial.toString());
                        }
                        return;
                    }
                    Thread.sleep(FOLLOW_POLL_MILLIS);
                }
            } catch (IOException | InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        return follower::interrupt;
    }
}
