/**
 * Users, groups, roles, sign-in, registration, profile and settings. People use its services; the signed-in user is
 * {@link io.gantry.identity.CurrentUser}; other modules name users through {@link io.gantry.identity.UserDirectory}
 * (named interface {@code api}); {@code ui} gives the shell the pages it sends a session to.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "db", "shared", "shell"})
package io.gantry.identity;
