package io.gantry.billing;

/** An order as a list shows it: with its requester's and its project's names. */
public record OrderRow(Order order, String requester, String project) {
}
