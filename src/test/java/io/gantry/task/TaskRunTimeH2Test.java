package io.gantry.task;

import io.gantry.OnH2;
import io.gantry.TestClock;
import org.springframework.context.annotation.Import;

@OnH2
@Import(TestClock.class)
class TaskRunTimeH2Test extends TaskRunTimeContract {
}
