/**
 * Projects (tenants): members, quotas, limits, extensions, the switcher and the contact. People use {@link
 * io.gantry.project.ProjectService}; other modules read through {@link io.gantry.project.Projects} (named interface
 * {@code api}); {@code ui} gives the shell its project switcher.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "cluster :: api",
        "identity", "identity :: api", "db", "shared"})
package io.gantry.project;
