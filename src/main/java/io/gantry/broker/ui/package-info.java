/**
 * The broker's screens. Also exposes {@link io.gantry.broker.ui.Explanations}, so that other features' pages (a
 * container's own page) read the broker's explanation in the same words as the queue pages.
 */
@org.springframework.modulith.NamedInterface("ui")
package io.gantry.broker.ui;
