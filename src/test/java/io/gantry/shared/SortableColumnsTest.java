package io.gantry.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SortableColumnsTest {

    private final SortableColumns<String> columns = SortableColumns.<String>builder()
            .add("name", "t.name")
            .add("created", "t.created_at")
            .build();

    @Test
    void translatesAllowedPropertiesInTheAskedOrderAndEachOnce() {
        List<String> terms = columns.orderBy(List.of(ListSort.descending("created"), ListSort.ascending("name"),
                ListSort.ascending("created")), (column, descending) -> column + (descending ? " desc" : " asc"));

        assertThat(terms).containsExactly("t.created_at desc", "t.name asc");
    }

    @Test
    void refusesAPropertyThatIsNotOnTheList() {
        assertThatThrownBy(() -> columns.orderBy(List.of(ListSort.ascending("t.name")), (c, d) -> c))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> columns.orderBy(List.of(ListSort.ascending("password_hash")), (c, d) -> c))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noSortGivesNoTerms() {
        assertThat(columns.orderBy(List.of(), (c, d) -> c)).isEmpty();
        assertThat(columns.orderBy(null, (c, d) -> c)).isEmpty();
    }

    @Test
    void theUrlFormRoundTrips() {
        List<ListSort> sorts = ListSort.parse(" -created , name,,-");

        assertThat(sorts).containsExactly(ListSort.descending("created"), ListSort.ascending("name"));
        assertThat(ListSort.format(sorts)).isEqualTo("-created,name");
        assertThat(ListSort.format(List.of())).isNull();
        assertThat(ListSort.parse(null)).isEmpty();
    }
}
