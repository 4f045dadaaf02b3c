/**
 * Billing (DESIGN §6, §7): an order for every request for resources, with its unit prices and its approval; a wallet
 * per project whose balance is the sum of an append-only ledger; metering, cost analysis and the users' workspace
 * activation. The kinds' services place orders through {@link io.gantry.billing.Orders}; other modules read a wallet
 * through {@link io.gantry.billing.Wallets} (named interface {@code api}). The arithmetic of money is plain Java in
 * {@code billing.money}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "broker", "broker :: api",
        "broker :: ui", "cluster :: api", "identity", "identity :: api", "monitoring :: api", "project",
        "project :: api", "runtime :: api", "workload :: api", "db", "shared"})
package io.gantry.billing;
