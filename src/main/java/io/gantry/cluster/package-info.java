/**
 * The cluster inventory: nodes, accelerator specs and prices, flavors, the platform's images and registries. People
 * use {@link io.gantry.cluster.ClusterService}; other modules read through {@link io.gantry.cluster.ClusterInventory}
 * and tell what starts from an image through {@link io.gantry.cluster.ImageUse} (named interface {@code api}). A
 * project's custom images are not the inventory's: the container feature keeps them, for the project's members.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "runtime :: api",
        "secrets :: api", "db", "shared"})
package io.gantry.cluster;
