/**
 * Users, groups, roles, sign-in, registration, profile and settings. People use its services; the signed-in user is
 * {@link io.gantry.identity.CurrentUser}; other modules name users through {@link io.gantry.identity.UserDirectory}
 * (named interface {@code api}); {@code ui} gives the shell its switches and pages their refresh.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "db", "shared"})
package io.gantry.identity;
