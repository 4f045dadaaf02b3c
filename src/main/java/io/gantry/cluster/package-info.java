/**
 * The cluster inventory: nodes, accelerator specs and prices, flavors, images and registries. People use {@link
 * io.gantry.cluster.ClusterService}; other modules read through {@link io.gantry.cluster.ClusterInventory} and
 * {@link io.gantry.cluster.CustomImages} (named interface {@code api}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "runtime :: api",
        "secrets :: api", "db", "shared"})
package io.gantry.cluster;
