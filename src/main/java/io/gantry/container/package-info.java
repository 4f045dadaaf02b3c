/**
 * Containers: long-running workloads with SSH, Jupyter and a web terminal (AI-Stack machine learning services,
 * Apulis code development environments). A container asks the broker for its devices, starts in a runtime once
 * placed, and gives them back when it ends.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "billing :: api",
        "billing :: money", "broker", "broker :: api", "broker :: ui", "cluster", "cluster :: api", "identity",
        "identity :: api", "shell", "network", "network :: api", "project", "project :: api", "runtime :: api",
        "runtime :: ui", "secrets :: api", "workload :: api", "db", "shared"})
package io.gantry.container;
