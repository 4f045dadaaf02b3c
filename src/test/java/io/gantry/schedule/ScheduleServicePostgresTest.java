package io.gantry.schedule;

import io.gantry.OnPostgres;
import io.gantry.TestClock;
import org.springframework.context.annotation.Import;

@OnPostgres
@Import(TestClock.class)
class ScheduleServicePostgresTest extends ScheduleServiceContract {
}
