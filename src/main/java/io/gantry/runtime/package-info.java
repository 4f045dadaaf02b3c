/**
 * Where workloads run: the {@link io.gantry.runtime.WorkloadRuntime} SPI and its implementations (the local runtime
 * on this machine; the Kubernetes runtime, {@code kubernetes}, on a cluster's API), one of them chosen by
 * {@code gantry.runtime.type}. Runtimes know processes, pods and ports, not projects or money: the features that run
 * work (containers, tasks) decide what to start and keep the records. The SPI, its records and events are the named
 * interface {@code api}; {@code ui} is the web terminal. It depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.gantry.runtime;
