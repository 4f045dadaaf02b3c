package io.gantry.task;

import io.gantry.OnPostgres;

@OnPostgres
class TaskServicePostgresTest extends TaskServiceContract {
}
