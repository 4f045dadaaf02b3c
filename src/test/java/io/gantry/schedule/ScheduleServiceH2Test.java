package io.gantry.schedule;

import io.gantry.OnH2;
import io.gantry.TestClock;
import org.springframework.context.annotation.Import;

@OnH2
@Import(TestClock.class)
class ScheduleServiceH2Test extends ScheduleServiceContract {
}
