package io.gantry.cluster.ui;

import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import io.gantry.cluster.PodLimits;
import io.gantry.shared.ui.Ui;

/**
 * The CPU and memory one workload of a spec may ask for (Apulis 3.2.8): minimum and maximum cores and memory. Its
 * value is null while any of the four is empty, which the service refuses on the field as a whole.
 */
class PodLimitsField extends CustomField<PodLimits> {

    private final IntegerField minCpu = cores("specs.pod.min-cpu");
    private final MemoryField minMemory = new MemoryField(Ui.t("specs.pod.min-memory"), PodLimits.MAX_MEMORY_MIB);
    private final IntegerField maxCpu = cores("specs.pod.max-cpu");
    private final MemoryField maxMemory = new MemoryField(Ui.t("specs.pod.max-memory"), PodLimits.MAX_MEMORY_MIB);
    private boolean presenting;

    PodLimitsField() {
        setLabel(Ui.t("specs.pod-limits"));
        setHelperText(Ui.t("specs.pod-limits.help"));
        minCpu.setId("podMinCpu");
        minMemory.setId("podMinMemory");
        maxCpu.setId("podMaxCpu");
        maxMemory.setId("podMaxMemory");
        minCpu.addValueChangeListener(e -> changed());
        minMemory.addValueChangeListener(e -> changed());
        maxCpu.addValueChangeListener(e -> changed());
        maxMemory.addValueChangeListener(e -> changed());
        FormLayout grid = new FormLayout(minCpu, minMemory, maxCpu, maxMemory);
        grid.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2));
        add(grid);
    }

    private static IntegerField cores(String labelKey) {
        IntegerField field = new IntegerField(Ui.t(labelKey));
        field.setMin(1);
        field.setMax(PodLimits.MAX_CPU);
        field.setSuffixComponent(new Span(Ui.t("cluster.unit.cores")));
        return field;
    }

    private void changed() {
        if (!presenting) {
            updateValue();
        }
    }

    @Override
    protected PodLimits generateModelValue() {
        if (minCpu.getValue() == null || minMemory.getValue() == null || maxCpu.getValue() == null
                || maxMemory.getValue() == null) {
            return null;
        }
        return new PodLimits(minCpu.getValue(), minMemory.getValue(), maxCpu.getValue(), maxMemory.getValue());
    }

    @Override
    protected void setPresentationValue(PodLimits limits) {
        presenting = true;
        try {
            minCpu.setValue(limits == null ? null : limits.minCpu());
            minMemory.setValue(limits == null ? null : limits.minMemoryMib());
            maxCpu.setValue(limits == null ? null : limits.maxCpu());
            maxMemory.setValue(limits == null ? null : limits.maxMemoryMib());
        } finally {
            presenting = false;
        }
    }

    IntegerField minCpu() {
        return minCpu;
    }

    IntegerField maxCpu() {
        return maxCpu;
    }
}
