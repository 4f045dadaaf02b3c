/**
 * The identity screens. Exposed for the app shell: the no-access page, and the sign-in and change-password pages
 * that the shell sends a session to.
 */
@org.springframework.modulith.NamedInterface("ui")
package io.gantry.identity.ui;
