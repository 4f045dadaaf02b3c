/**
 * The identity screens. Also exposes the theme and language switches that the app shell shows, and
 * {@link io.gantry.identity.ui.UserRefresh} for pages that reload at the user's refresh interval.
 */
@org.springframework.modulith.NamedInterface("ui")
package io.gantry.identity.ui;
