package io.gantry.shared.schema;

import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Field;
import org.jooq.SortField;

/** A list's sort as a jOOQ ORDER BY, the same on H2 and PostgreSQL. */
public final class SqlSort {

    private SqlSort() {
    }

    /**
     * The asked orders (only the allowed ones, see {@link SortableColumns#orderBy}), then the list's own order so that
     * paging is stable. Empty values come last either way: H2 and PostgreSQL disagree on where NULL sorts.
     */
    public static List<SortField<?>> orderBy(SortableColumns<Field<?>> columns, List<ListSort> sort,
                                             SortField<?>... thenBy) {
        List<SortField<?>> order = new ArrayList<>(columns.orderBy(sort,
                (column, descending) -> (descending ? column.desc() : column.asc()).nullsLast()));
        order.addAll(Arrays.asList(thenBy));
        return order;
    }
}
