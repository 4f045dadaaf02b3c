package io.gantry.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.shared.NotAllowed;
import java.util.Collection;

/** Test clean-up: stops the tasks a test left running, where one may end on its own between the look and the stop. */
public final class LeftRunning {

    private LeftRunning() {
    }

    /** Stops each of these tasks that is still live; the signed-in user must be allowed to stop them. */
    public static void stop(Tasks tasks, TaskService taskService, Collection<Long> taskIds) {
        for (long id : taskIds) {
            if (!tasks.live(id)) {
                continue;
            }
            try {
                taskService.stop(id);
            } catch (NotAllowed endedMeanwhile) {
                assertThat(tasks.live(id)).as("task %s ended meanwhile", id).isFalse();
            }
        }
    }

    /** Stops each task of the project that is still live; the signed-in user must be allowed to stop them. */
    public static void stopInProject(TaskService taskService, long projectId) {
        for (TaskRow row : taskService.rows(projectId, TaskFilter.ALL, 0, 100)) {
            if (!row.task().phase().isLive()) {
                continue;
            }
            long id = row.task().id();
            try {
                taskService.stop(id);
            } catch (NotAllowed endedMeanwhile) {
                assertThat(taskService.task(id).phase().isLive()).as("task %s ended meanwhile", id).isFalse();
            }
        }
    }
}
