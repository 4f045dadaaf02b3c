package io.gantry.shared.ui;

import io.gantry.shared.ui.MenuGroup.AppSystem;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the menu of a system beside a screen that has no entry of its own (a detail page, an editor). Without it, and
 * without a {@link MenuItem}, a screen belongs to the platform.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InSystem {

    AppSystem value();
}
