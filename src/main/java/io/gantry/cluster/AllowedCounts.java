package io.gantry.cluster;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.modulith.NamedInterface;

/** The device counts a spec allows per workload, written as "0, 1, 2, 4, 8" (Apulis 6.3 for NPUs). */
@NamedInterface("api")
public final class AllowedCounts {

    public static final int MAX_DEVICES_PER_NODE = 64;

    private AllowedCounts() {
    }

    /** The counts, ascending and without repeats, or empty if the text is not a list of counts. */
    public static Optional<List<Integer>> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        TreeSet<Integer> counts = new TreeSet<>();
        for (String part : text.split("[,，\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!part.matches("\\d{1,3}")) {
                return Optional.empty();
            }
            int count = Integer.parseInt(part);
            if (count > MAX_DEVICES_PER_NODE) {
                return Optional.empty();
            }
            counts.add(count);
        }
        return counts.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(counts));
    }

    public static String format(List<Integer> counts) {
        return counts.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
