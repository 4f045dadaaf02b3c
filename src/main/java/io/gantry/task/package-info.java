/**
 * Tasks: batch workloads that run one command in a fresh container and free everything when it ends (AI-Stack 六,
 * Apulis training jobs), and task templates, their saved settings. A task is a kind of workload (its order, approval,
 * broker request and metering are those of every workload); this module adds its form, its command, its phased log
 * and its templates. Other modules start tasks from templates through the internal API {@link io.gantry.task.Tasks}
 * and offer the task list their upcoming runs through {@link io.gantry.task.UpcomingRuns}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "billing :: api",
        "billing :: money", "broker", "broker :: api", "broker :: ui", "cluster", "cluster :: api", "container :: api",
        "identity", "identity :: api", "project", "project :: api", "runtime :: api", "workload :: api", "db",
        "shared", "shell"})
package io.gantry.task;
