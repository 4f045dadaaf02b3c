package io.gantry.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One sort order a list asks for: a property name as the screens know it (never a column name) and its direction.
 * The URL form is the property, with a leading "-" for descending, orders separated by commas: {@code -created,name}.
 */
public record ListSort(String property, boolean descending) {

    public ListSort {
        Objects.requireNonNull(property, "property");
    }

    public static ListSort ascending(String property) {
        return new ListSort(property, false);
    }

    public static ListSort descending(String property) {
        return new ListSort(property, true);
    }

    /** The orders of a URL parameter; empty parts are skipped, nothing is checked against any list here. */
    public static List<ListSort> parse(String text) {
        List<ListSort> orders = new ArrayList<>();
        if (text == null) {
            return orders;
        }
        for (String part : text.split(",")) {
            String trimmed = part.strip();
            boolean descending = trimmed.startsWith("-");
            String property = descending ? trimmed.substring(1).strip() : trimmed;
            if (!property.isEmpty()) {
                orders.add(new ListSort(property, descending));
            }
        }
        return orders;
    }

    /** The URL form of the orders, or null when there are none. */
    public static String format(List<ListSort> orders) {
        if (orders == null || orders.isEmpty()) {
            return null;
        }
        return String.join(",", orders.stream().map(o -> (o.descending ? "-" : "") + o.property).toList());
    }
}
