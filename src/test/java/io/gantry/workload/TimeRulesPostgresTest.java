package io.gantry.workload;

import io.gantry.OnPostgres;
import org.springframework.context.annotation.Import;

@OnPostgres
@Import(TimeRulesContract.MovedClock.class)
class TimeRulesPostgresTest extends TimeRulesContract {
}
