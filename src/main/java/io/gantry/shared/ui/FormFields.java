package io.gantry.shared.ui;

import com.vaadin.flow.component.HasValidation;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.UserFacingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fields of one form by the names its service gives its problems ({@link FieldProblem#field()}), built once with
 * the form. A refusal then lands each problem on its field, and whatever has no field of the form is shown once by
 * {@link Ui#refused(List)}.
 */
public final class FormFields {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final List<Supplier<Map<String, ? extends HasValidation>>> changing = new ArrayList<>();

    public FormFields with(String name, HasValidation field) {
        fields.put(name, field);
        return this;
    }

    /** Fields that come and go with the form (a row per user or rule), named as they are when a refusal comes. */
    public FormFields withEach(Supplier<Map<String, ? extends HasValidation>> current) {
        changing.add(current);
        return this;
    }

    /** Whether every problem of the refusal has a field in this form. */
    public boolean placesAll(UserFacingException refusal) {
        Map<String, HasValidation> all = all();
        return Ui.problems(refusal).stream().allMatch(p -> p.field() != null && all.containsKey(p.field()));
    }

    /** Shows each problem on its field; the problems without one once, in one notification. */
    public void show(UserFacingException refusal) {
        Map<String, HasValidation> all = all();
        List<FieldProblem> unplaced = new ArrayList<>();
        for (FieldProblem problem : Ui.problems(refusal)) {
            HasValidation field = problem.field() == null ? null : all.get(problem.field());
            if (field == null) {
                unplaced.add(problem);
            } else {
                field.setErrorMessage(Ui.translated(problem));
                field.setInvalid(true);
            }
        }
        Ui.refused(unplaced);
    }

    private Map<String, HasValidation> all() {
        Map<String, HasValidation> all = new LinkedHashMap<>(fields);
        changing.forEach(current -> all.putAll(current.get()));
        return all;
    }
}
