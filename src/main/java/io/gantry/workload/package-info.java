/**
 * Workloads: everything that runs on the platform, whatever its kind (containers now; tasks, training jobs and
 * inference services later). This module owns their lifecycle, their device requests, their time rules and the one
 * reconciler that changes what runs; a kind adds its form, screens, access rules and its part of the runtime spec
 * through {@link io.gantry.workload.WorkloadKind}. Other modules use the internal API {@link
 * io.gantry.workload.Workloads} and the types it returns (named interface {@code api}), and read the devices rented
 * hour by hour through {@link io.gantry.workload.DeviceRentals}. Platform admins manage every user's work across
 * projects through {@link io.gantry.workload.JobService} (Apulis 3.11).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "broker :: api",
        "cluster", "cluster :: api", "identity", "identity :: api", "project", "project :: api", "runtime :: api",
        "monitoring :: api", "db", "shared"})
package io.gantry.workload;
