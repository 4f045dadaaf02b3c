package io.gantry.identity.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.gantry.shared.Permission;
import io.gantry.shared.PermissionArea;
import io.gantry.shared.ui.Ui;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The permission tree of a role: one branch per area of the platform; ticking an area ticks all its leaves. */
class PermissionTree extends Composite<Div> implements HasValidation {

    private final Map<PermissionArea, CheckboxGroup<Permission>> leavesByArea = new EnumMap<>(PermissionArea.class);
    private final Span error = new Span();

    PermissionTree(Set<Permission> granted) {
        getContent().setId("permission-tree");
        for (PermissionArea area : PermissionArea.values()) {
            CheckboxGroup<Permission> leaves = new CheckboxGroup<>();
            leaves.setItems(Permission.in(area));
            leaves.setItemLabelGenerator(p -> Ui.t("permission." + p.name()));
            leaves.setValue(Set.copyOf(Permission.in(area).stream().filter(granted::contains).toList()));
            leaves.setId("area-" + area.name());
            Checkbox all = new Checkbox(Ui.t("permission.area." + area.name()));
            all.setId("area-all-" + area.name());
            sync(all, leaves);
            all.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    leaves.setValue(e.getValue() ? Set.copyOf(Permission.in(area)) : Set.of());
                }
            });
            leaves.addValueChangeListener(e -> sync(all, leaves));
            leavesByArea.put(area, leaves);
            Details branch = new Details(all, leaves);
            branch.setOpened(!leaves.getValue().isEmpty());
            getContent().add(branch);
        }
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setId("permissions-error");
        getContent().add(error);
    }

    Set<Permission> value() {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        leavesByArea.values().forEach(leaves -> permissions.addAll(leaves.getValue()));
        return permissions;
    }

    /** Ticks or clears a whole area, as a click on its box does. */
    void selectArea(PermissionArea area, boolean selected) {
        leavesByArea.get(area).setValue(selected ? Set.copyOf(Permission.in(area)) : Set.of());
    }

    private static void sync(Checkbox all, CheckboxGroup<Permission> leaves) {
        int chosen = leaves.getValue().size();
        int total = leaves.getListDataView().getItemCount();
        all.setValue(chosen == total && total > 0);
        all.setIndeterminate(chosen > 0 && chosen < total);
    }

    @Override
    public void setErrorMessage(String errorMessage) {
        error.setText(errorMessage == null ? "" : errorMessage);
    }

    @Override
    public String getErrorMessage() {
        return error.getText();
    }

    @Override
    public void setInvalid(boolean invalid) {
        error.setVisible(invalid);
    }

    @Override
    public boolean isInvalid() {
        return error.isVisible() && !error.getText().isEmpty();
    }
}
