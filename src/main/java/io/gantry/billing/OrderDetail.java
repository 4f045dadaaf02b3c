package io.gantry.billing;

import io.gantry.billing.money.HourlyRate;
import io.gantry.broker.Explanation;
import io.gantry.workload.Phase;
import java.util.List;

/**
 * Everything an order's page shows: the application, its unit prices and what it costs per hour, the approval record,
 * and where its workload stands now.
 *
 * @param decider who decided it, null until decided (or when that account is gone)
 * @param workloadState the workload's state now, null when it is gone
 * @param workloadReason why the workload ended or waits, as a message key with its arguments; null while all is well
 * @param waiting why the workload's device request waits, where it does (a quota filled meanwhile, say); else null
 * @param workloadPage the route of the workload's page with its events, null when it is gone
 * @param decidable whether the reader may approve or reject it now
 */
public record OrderDetail(Order order, String requester, String project, String decider, HourlyRate rate,
                          Phase workloadState, String workloadReason, List<String> workloadReasonArguments,
                          Explanation waiting, String workloadPage, boolean decidable) {

    public OrderDetail {
        workloadReasonArguments = workloadReasonArguments == null ? List.of() : List.copyOf(workloadReasonArguments);
    }
}
