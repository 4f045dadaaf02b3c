/** Resource monitoring: device use per project and per node. Nobody depends on it. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"cluster :: api", "project",
        "identity :: ui", "shared"})
package io.gantry.monitoring;
