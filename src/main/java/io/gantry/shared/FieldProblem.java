package io.gantry.shared;

/** One broken rule: the field it is about (null for the whole form), an i18n key and its arguments. */
public record FieldProblem(String field, String messageKey, Object... arguments) {
}
