package io.gantry.shared.ui;

import com.vaadin.flow.component.ItemLabelGenerator;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.List;

/**
 * The toolbar of a list of work (containers, tasks): its main action, a search, a state filter, "only mine", and
 * delete for the selected rows. A filter's change calls {@code changed}; the filters can be kept in the page's URL.
 *
 * @param <S> the states a row can be in
 */
public final class ListToolbar<S extends Enum<S>> extends HorizontalLayout {

    private final Class<S> stateType;
    private final TextField search = new TextField();
    private final ComboBox<S> state = new ComboBox<>();
    private final Checkbox mine = new Checkbox();
    private final Button deleteSelected = new Button();

    /**
     * @param keys the prefix of the list's bundle keys: {@code search}, {@code state}, {@code filter.mine} and
     *             {@code delete-selected} follow it
     * @param ids  the prefix of the fields' ids: {@code search}, {@code state-filter}, {@code mine-filter} and
     *             {@code delete-selected} follow it
     */
    public ListToolbar(String keys, String ids, Button action, Class<S> stateType, List<S> states,
                       ItemLabelGenerator<S> stateLabel, Runnable changed, Runnable deleteSelectedClicked) {
        this.stateType = stateType;
        search.setPlaceholder(getTranslation(keys + "search"));
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setId(ids + "search");
        search.addValueChangeListener(e -> changed.run());
        state.setPlaceholder(getTranslation(keys + "state"));
        state.setItems(states);
        state.setItemLabelGenerator(stateLabel);
        state.setClearButtonVisible(true);
        state.setId(ids + "state-filter");
        state.addValueChangeListener(e -> changed.run());
        mine.setLabel(getTranslation(keys + "filter.mine"));
        mine.setId(ids + "mine-filter");
        mine.addValueChangeListener(e -> changed.run());
        deleteSelected.setText(getTranslation(keys + "delete-selected"));
        deleteSelected.setIcon(VaadinIcon.TRASH.create());
        deleteSelected.addThemeVariants(ButtonVariant.LUMO_ERROR);
        deleteSelected.setId(ids + "delete-selected");
        deleteSelected.setEnabled(false);
        deleteSelected.addClickListener(e -> deleteSelectedClicked.run());
        add(action, search, state, mine, deleteSelected);
        setAlignItems(Alignment.BASELINE);
        setWrap(true);
    }

    /** Keeps the filters in the page's URL ({@code q}, {@code state}, {@code mine}). */
    public void keepIn(GridQueryParameters<?> parameters) {
        parameters.text("q", search).choice("state", state, stateType)
                .bind("mine", mine, Boolean::parseBoolean, String::valueOf);
    }

    /** Delete is offered while some rows are selected. */
    public void selected(boolean any) {
        deleteSelected.setEnabled(any);
    }

    /** The search as typed; empty when there is none. */
    public String searchText() {
        return search.getValue() == null ? "" : search.getValue();
    }

    /** The chosen state; null for every state. */
    public S state() {
        return state.getValue();
    }

    public boolean onlyMine() {
        return mine.getValue();
    }
}
