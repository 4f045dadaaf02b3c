package io.gantry.task;

import io.gantry.OnH2;

@OnH2
class TaskServiceH2Test extends TaskServiceContract {
}
