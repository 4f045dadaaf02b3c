/**
 * Where workloads run: the {@link io.gantry.runtime.WorkloadRuntime} SPI and its implementations (the local runtime
 * on this machine; Kubernetes later). Runtimes know processes, pods and ports, not projects or money: the features
 * that run work (containers, tasks) decide what to start and keep the records.
 */
package io.gantry.runtime;
