package io.gantry.billing;

import io.gantry.billing.money.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * The spending of a {@link CostQuery}: charges as positive amounts, per period and group.
 *
 * @param periods the start of every period of the range, those without spending included, in order
 * @param groups every group with spending in the range, the largest first
 * @param cells the spending of each period and group that has any, by period and then as {@code groups}
 * @param total everything spent in the range
 */
public record CostReport(CostQuery query, List<LocalDate> periods, List<Group> groups, List<Cell> cells,
                         Money total) {

    /**
     * One value of the dimension.
     *
     * @param key what identifies it: a service type's name, a spec's, user's or project's id; empty when the charges
     *            do not say
     * @param name how people know it: a spec's, user's or project's name; a service type's name, for the reader's
     *             language to word; empty when unknown
     */
    public record Group(String key, String name, Money total) {
    }

    public record Cell(LocalDate period, String group, Money amount) {
    }

    public CostReport {
        periods = List.copyOf(periods);
        groups = List.copyOf(groups);
        cells = List.copyOf(cells);
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }

    /** The spending of a period summed over the groups. */
    public Money totalOf(LocalDate period) {
        return cells.stream().filter(c -> c.period().equals(period)).map(Cell::amount)
                .reduce(Money.zero(total.currency()), Money::plus);
    }
}
