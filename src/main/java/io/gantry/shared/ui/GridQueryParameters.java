package io.gantry.shared.ui;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import io.gantry.shared.ListSort;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a list's sort and filters in the page's URL, so that a filtered, sorted list can be bookmarked, shared and
 * reloaded: {@link #read} (from the view's {@code beforeEnter}) sets the filters and the grid's sort from the query
 * parameters, and every later change of either replaces the URL in the browser's history (no new history entry).
 * The sort parameter names the columns' sort properties ({@code sort=-created,name}); a property no column has is
 * dropped, and the service refuses any that its repository does not allow.
 */
public final class GridQueryParameters<T> implements Serializable {

    public static final String SORT = "sort";

    private final Grid<T> grid;
    private final Map<String, Binding<?>> bindings = new LinkedHashMap<>();
    private String path;
    private boolean reading;

    public GridQueryParameters(Grid<T> grid) {
        this.grid = grid;
        grid.addSortListener(e -> write());
    }

    /** The grid's sort as the services take it. */
    public static List<ListSort> sorts(Query<?, ?> query) {
        return query.getSortOrders().stream()
                .map(o -> new ListSort(o.getSorted(), o.getDirection() == SortDirection.DESCENDING)).toList();
    }

    /**
     * A filter field kept in the parameter {@code name}. The field's value now is its default: left out of the URL,
     * and taken again when the parameter is missing or does not parse.
     */
    public <V> GridQueryParameters<T> bind(String name, HasValue<?, V> field, SerializableFunction<String, V> parse,
                                           SerializableFunction<V, String> format) {
        bindings.put(name, new Binding<>(field, field.getValue(), parse, format));
        field.addValueChangeListener(e -> write());
        return this;
    }

    public GridQueryParameters<T> text(String name, HasValue<?, String> field) {
        return bind(name, field, s -> s, s -> s == null || s.isBlank() ? null : s.strip());
    }

    public <E extends Enum<E>> GridQueryParameters<T> choice(String name, HasValue<?, E> field, Class<E> type) {
        return bind(name, field, s -> Enum.valueOf(type, s), Enum::name);
    }

    public GridQueryParameters<T> dateTime(String name, HasValue<?, LocalDateTime> field) {
        return bind(name, field, LocalDateTime::parse, LocalDateTime::toString);
    }

    public GridQueryParameters<T> date(String name, HasValue<?, LocalDate> field) {
        return bind(name, field, LocalDate::parse, LocalDate::toString);
    }

    /** Sets the filters and the sort from the location the view is entered with. */
    public void read(Location location) {
        path = location.getPath();
        Map<String, List<String>> parameters = location.getQueryParameters().getParameters();
        reading = true;
        try {
            bindings.forEach((name, binding) -> binding.read(first(parameters, name)));
            List<GridSortOrder<T>> orders = new ArrayList<>();
            for (ListSort sort : ListSort.parse(first(parameters, SORT))) {
                column(sort.property()).ifPresent(column -> orders.add(new GridSortOrder<>(column,
                        sort.descending() ? SortDirection.DESCENDING : SortDirection.ASCENDING)));
            }
            grid.sort(orders);
        } finally {
            reading = false;
        }
    }

    /** The query parameters of the list's present state. */
    public QueryParameters current() {
        Map<String, String> values = new LinkedHashMap<>();
        bindings.forEach((name, binding) -> {
            String value = binding.text();
            if (value != null && !value.isBlank()) {
                values.put(name, value);
            }
        });
        String sort = ListSort.format(grid.getSortOrder().stream()
                .flatMap(o -> o.getSorted().getSortOrder(o.getDirection()))
                .map(o -> new ListSort(o.getSorted(), o.getDirection() == SortDirection.DESCENDING)).toList());
        if (sort != null) {
            values.put(SORT, sort);
        }
        return QueryParameters.simple(values);
    }

    private void write() {
        if (reading || path == null) {
            return;
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.getPage().getHistory().replaceState(null, new Location(path, current()));
        }
    }

    private Optional<Grid.Column<T>> column(String property) {
        return grid.getColumns().stream().filter(Grid.Column::isSortable)
                .filter(c -> c.getSortOrder(SortDirection.ASCENDING).map(QuerySortOrder::getSorted)
                        .anyMatch(property::equals))
                .findFirst();
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private record Binding<V>(HasValue<?, V> field, V defaultValue, SerializableFunction<String, V> parse,
                              SerializableFunction<V, String> formatter) implements Serializable {

        void read(String text) {
            V value = null;
            if (text != null && !text.isBlank()) {
                try {
                    value = parse.apply(text);
                } catch (RuntimeException unreadable) {
                    // A hand-edited or outdated bookmark: show the list as it opens rather than fail.
                    value = null;
                }
            }
            field.setValue(value == null ? defaultValue : value);
        }

        String text() {
            V value = field.getValue();
            return java.util.Objects.equals(value, defaultValue) || value == null ? null : formatter.apply(value);
        }
    }
}
