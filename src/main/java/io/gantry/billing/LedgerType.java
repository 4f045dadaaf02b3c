package io.gantry.billing;

/** A line of a project's ledger: credits are positive, charges negative. */
public enum LedgerType {
    TOP_UP, REFUND, DEMO_CREDIT, CHARGE
}
