/**
 * Workloads: everything that runs on the platform, whatever its kind (containers now; tasks, training jobs and
 * inference services later). This module owns their lifecycle, their device requests, their time rules and the one
 * reconciler that changes what runs; a kind adds its form, screens, access rules and its part of the runtime spec
 * through {@link io.gantry.workload.WorkloadKind}. Other modules use the internal API {@link
 * io.gantry.workload.Workloads} and the types it returns (named interface {@code api}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"broker :: api", "project :: api",
        "runtime :: api", "monitoring :: api", "db", "shared"})
package io.gantry.workload;
