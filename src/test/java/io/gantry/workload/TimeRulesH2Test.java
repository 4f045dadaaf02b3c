package io.gantry.workload;

import io.gantry.OnH2;
import org.springframework.context.annotation.Import;

@OnH2
@Import(TimeRulesContract.MovedClock.class)
class TimeRulesH2Test extends TimeRulesContract {
}
