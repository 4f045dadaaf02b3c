package io.gantry.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ItemLabelGenerator;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
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
    private final String keys;
    private final String ids;
    /** Shows the empty list's words for the filters as they are now; nothing until {@link #emptyState} is asked. */
    private Runnable showEmptyState = () -> { };
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
        this.keys = keys;
        this.ids = ids;
        Runnable filtersChanged = () -> {
            showEmptyState.run();
            changed.run();
        };
        search.setPlaceholder(getTranslation(keys + "search"));
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setId(ids + "search");
        search.addValueChangeListener(e -> filtersChanged.run());
        state.setPlaceholder(getTranslation(keys + "state"));
        state.setItems(states);
        state.setItemLabelGenerator(stateLabel);
        state.setClearButtonVisible(true);
        state.setId(ids + "state-filter");
        state.addValueChangeListener(e -> filtersChanged.run());
        mine.setLabel(getTranslation(keys + "filter.mine"));
        mine.setId(ids + "mine-filter");
        mine.addValueChangeListener(e -> filtersChanged.run());
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

    /**
     * What the empty list says: {@code unfiltered} while no filter is set; once one is, that nothing matches, with a
     * way to clear the filters ({@code empty.filtered} and {@code clear-filters} after the list's key prefix).
     */
    public Component emptyState(Component unfiltered) {
        Button clear = new Button(getTranslation(keys + "clear-filters"), e -> clear());
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        clear.setId(ids + "clear-filters");
        Div filtered = new Div(new Paragraph(getTranslation(keys + "empty.filtered")), clear);
        filtered.setId(ids + "empty-filtered");
        showEmptyState = () -> {
            unfiltered.setVisible(!filtering());
            filtered.setVisible(filtering());
        };
        showEmptyState.run();
        return new Div(unfiltered, filtered);
    }

    /** Whether a filter narrows the list. */
    public boolean filtering() {
        return !searchText().isBlank() || state.getValue() != null || mine.getValue();
    }

    /** Clears every filter, so that the whole list shows. */
    public void clear() {
        search.clear();
        state.clear();
        mine.clear();
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
