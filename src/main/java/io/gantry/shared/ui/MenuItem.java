package io.gantry.shared.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Puts a view into the left menu; the entry shows only to users who may open the view. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MenuItem {

    MenuGroup group();

    /** i18n key of the entry's label. */
    String title();

    /** A Vaadin icon name, e.g. "vaadin:users". */
    String icon() default "";

    int order() default 0;
}
