/**
 * What every page shares of the app shell: the translations (Vaadin's i18n provider), the look and language of a
 * browser session and their switches, the frame of the pages before signing in, and
 * {@link io.gantry.shell.UserRefresh} for pages that reload at the user's refresh interval. Open, as {@code shared}
 * is: it reads the signed-in user's preferences from identity, whose sign-in pages sit in its frame.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        allowedDependencies = {"identity", "identity :: ui", "shared"})
package io.gantry.shell;
