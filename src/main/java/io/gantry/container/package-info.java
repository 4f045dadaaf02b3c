/**
 * Containers: long-running workloads with SSH, Jupyter and a web terminal (AI-Stack machine learning services,
 * Apulis code development environments). A container asks the broker for its devices, starts in a runtime once
 * placed, and gives them back when it ends.
 */
package io.gantry.container;
