package io.gantry.task;

import io.gantry.OnPostgres;
import io.gantry.TestClock;
import org.springframework.context.annotation.Import;

@OnPostgres
@Import(TestClock.class)
class TaskRunTimePostgresTest extends TaskRunTimeContract {
}
