package io.gantry.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Input that breaks one or more rules; nothing was saved. Collect problems with {@link #collect()}. */
public class InvalidInput extends UserFacingException {

    private final transient List<FieldProblem> problems;

    public InvalidInput(List<FieldProblem> problems) {
        super(problems.getFirst().field(), problems.getFirst().messageKey(), problems.getFirst().arguments());
        this.problems = List.copyOf(problems);
    }

    public InvalidInput(String field, String messageKey, Object... arguments) {
        this(List.of(new FieldProblem(field, messageKey, arguments)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public static Collector collect() {
        return new Collector();
    }

    /** Gathers the problems of a whole form, so that the user sees all of them at once. */
    public static final class Collector {

        private final List<FieldProblem> problems = new ArrayList<>();

        public Collector check(String field, Optional<String> messageKey, Object... arguments) {
            messageKey.ifPresent(key -> problems.add(new FieldProblem(field, key, arguments)));
            return this;
        }

        public Collector add(String field, String messageKey, Object... arguments) {
            problems.add(new FieldProblem(field, messageKey, arguments));
            return this;
        }

        public boolean has(String field) {
            return problems.stream().anyMatch(p -> field.equals(p.field()));
        }

        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }
    }
}
