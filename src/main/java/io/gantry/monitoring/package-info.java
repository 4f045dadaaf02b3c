/**
 * Monitoring: device use per project and per node, and in-app notices. Other modules send notices through the internal
 * API {@link io.gantry.monitoring.Notices} (named interface {@code api}); the shell shows the bell ({@code ui}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"cluster :: api", "project",
        "identity", "shell", "audit", "audit :: ui", "db", "shared"})
package io.gantry.monitoring;
