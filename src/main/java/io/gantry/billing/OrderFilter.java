package io.gantry.billing;

import java.time.Instant;

/**
 * What the approvals list shows: orders that needed a decision, in a state (null: any), by requesters whose name
 * contains the text (null or blank: anyone), ordered in [from, to) (null: no bound).
 */
public record OrderFilter(Approval state, String requester, Instant from, Instant to) {

    public static final OrderFilter WAITING = new OrderFilter(Approval.PENDING, null, null, null);
}
