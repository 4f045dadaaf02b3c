package io.gantry.cluster.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;

/** What the inventory screens' tests share: an administrator signed in, and finding a grid row by its item. */
abstract class InventoryViewTest extends ViewTestSupport {

    @BeforeEach
    void signInAsAdmin() {
        accounts.signInAsAdmin();
    }

    void signInAsOrdinaryUser() {
        String username = TestAccounts.uniqueName("plain");
        accounts.create(username, PresetRole.USER);
        accounts.signInAs(username);
    }

    <T> int rowOf(Grid<T> grid, Predicate<T> item) {
        GridTester<Grid<T>, T> tester = test(grid);
        for (int row = 0; row < tester.size(); row++) {
            if (item.test(tester.getRow(row))) {
                return row;
            }
        }
        throw new AssertionError("No such row in grid " + grid.getId().orElse(""));
    }

    <T> String cellText(Grid<T> grid, Predicate<T> item, String column) {
        return test(grid).getCellText(rowOf(grid, item), grid.getColumns().indexOf(grid.getColumnByKey(column)));
    }

    <T> Component cell(Grid<T> grid, Predicate<T> item, String column) {
        return test(grid).getCellComponent(rowOf(grid, item), column);
    }
}
