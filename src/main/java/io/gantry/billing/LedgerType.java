package io.gantry.billing;

/**
 * A line of a project's ledger. Top-ups and demo credit are positive; usage charges and refunds (money an admin pays
 * back out of the wallet) negative.
 */
public enum LedgerType {
    TOP_UP, REFUND, DEMO_CREDIT, CHARGE
}
