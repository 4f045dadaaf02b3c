package io.gantry.billing;

/**
 * Puts a bundle key and its arguments into the reader's words: how a page lends its language to a file the service
 * writes for it (a view passes its {@code getTranslation}).
 */
@FunctionalInterface
public interface Wording {

    String text(String key, Object... arguments);
}
