/**
 * The broker: placement, quotas, the fair queue, backfill and preemption. People use {@link
 * io.gantry.broker.BrokerService}; other modules use the internal API {@link io.gantry.broker.BrokerRequests} and hear
 * {@link io.gantry.broker.RequestDecided} (named interface {@code api}); {@code ui} words explanations for their pages.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "cluster :: api",
        "project", "project :: api", "identity", "db", "shared"})
package io.gantry.broker;
