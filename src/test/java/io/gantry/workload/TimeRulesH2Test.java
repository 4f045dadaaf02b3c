package io.gantry.workload;

import io.gantry.OnH2;
import io.gantry.TestClock;
import org.springframework.context.annotation.Import;

@OnH2
@Import(TestClock.class)
class TimeRulesH2Test extends TimeRulesContract {
}
