package io.gantry.cluster.ui;

import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import io.gantry.shared.ui.Ui;
import java.util.Locale;

/**
 * An amount of memory entered with an explicit binary unit (MiB or GiB), so that "80" is never mistaken for
 * megabytes; its value is in MiB.
 */
class MemoryField extends CustomField<Integer> {

    enum Unit {
        MIB(1), GIB(Quantities.MIB_PER_GIB);

        final int mib;

        Unit(int mib) {
            this.mib = mib;
        }
    }

    private final IntegerField amount = new IntegerField();
    private final Select<Unit> unit = new Select<>();
    private boolean presenting;

    private final int maxMib;

    MemoryField(String label, int maxMib) {
        this.maxMib = maxMib;
        setLabel(label);
        amount.setMin(1);
        amount.setMax(maxMib);
        amount.setStepButtonsVisible(false);
        amount.setWidth("7em");
        unit.setItems(Unit.values());
        unit.setItemLabelGenerator(u -> Ui.t("cluster.unit." + u.name().toLowerCase(Locale.ROOT)));
        unit.setValue(Unit.MIB);
        unit.setWidth("6em");
        amount.addValueChangeListener(e -> changed());
        unit.addValueChangeListener(e -> {
            // the same bound, in the unit shown
            amount.setMax(maxMib / (e.getValue() == null ? 1 : e.getValue().mib));
            changed();
        });
        HorizontalLayout row = new HorizontalLayout(amount, unit);
        row.setSpacing(false);
        row.getStyle().set("gap", "var(--lumo-space-xs)");
        add(row);
    }

    private void changed() {
        if (!presenting) {
            updateValue();
        }
    }

    @Override
    protected Integer generateModelValue() {
        if (amount.getValue() == null || unit.getValue() == null) {
            return null;
        }
        long mib = (long) amount.getValue() * unit.getValue().mib;
        return mib > Integer.MAX_VALUE || mib < Integer.MIN_VALUE ? null : (int) mib;
    }

    @Override
    protected void setPresentationValue(Integer mib) {
        presenting = true;
        try {
            present(mib);
        } finally {
            presenting = false;
        }
    }

    private void present(Integer mib) {
        if (mib == null) {
            amount.clear();
            unit.setValue(Unit.MIB);
        } else if (mib >= Quantities.MIB_PER_GIB && mib % Quantities.MIB_PER_GIB == 0) {
            amount.setValue(mib / Quantities.MIB_PER_GIB);
            unit.setValue(Unit.GIB);
        } else {
            amount.setValue(mib);
            unit.setValue(Unit.MIB);
        }
    }

    IntegerField amount() {
        return amount;
    }

    Select<Unit> unit() {
        return unit;
    }
}
