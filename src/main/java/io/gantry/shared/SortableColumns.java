package io.gantry.shared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The columns a list may be sorted by, by the property names the screens use: a repository declares them once, so a
 * client can only ever sort by these and never names a column of its own. The column type is the repository's
 * (a jOOQ field); this class knows nothing of it.
 *
 * @param <C> what a property stands for in the query
 */
public final class SortableColumns<C> {

    private final Map<String, C> columns;

    private SortableColumns(Map<String, C> columns) {
        this.columns = Collections.unmodifiableMap(columns);
    }

    public static <C> Builder<C> builder() {
        return new Builder<>();
    }

    public Set<String> properties() {
        return columns.keySet();
    }

    /**
     * The orders as the query's own terms, in the order asked, each property once; a property that is not on the
     * list is refused, so that a crafted request learns nothing and sorts by nothing else.
     *
     * @param order turns a column and whether it is descending into the query's order term
     */
    public <R> List<R> orderBy(List<ListSort> sorts, BiFunction<C, Boolean, R> order) {
        List<R> terms = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ListSort sort : sorts == null ? List.<ListSort>of() : sorts) {
            C column = columns.get(sort.property());
            if (column == null) {
                throw new IllegalArgumentException("Not a sortable property: " + sort.property());
            }
            if (seen.add(sort.property())) {
                terms.add(order.apply(column, sort.descending()));
            }
        }
        return terms;
    }

    public static final class Builder<C> {

        private final Map<String, C> columns = new LinkedHashMap<>();

        public Builder<C> add(String property, C column) {
            if (columns.putIfAbsent(property, column) != null) {
                throw new IllegalStateException("Sort property given twice: " + property);
            }
            return this;
        }

        public SortableColumns<C> build() {
            return new SortableColumns<>(new LinkedHashMap<>(columns));
        }
    }
}
