/**
 * The identity screens. Also exposes the theme and language switches that the app shell shows.
 */
@org.springframework.modulith.NamedInterface("ui")
package io.gantry.identity.ui;
