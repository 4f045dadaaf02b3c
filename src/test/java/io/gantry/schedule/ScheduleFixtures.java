package io.gantry.schedule;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.billing.Wallets;
import io.gantry.project.ProjectService;
import io.gantry.billing.Wallets;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.task.TaskForm;
import java.util.List;

/** The templates the schedule tests run: a short command, or one that keeps running until it is stopped. */
public final class ScheduleFixtures {

    public static final String QUICK = "echo scheduled";
    public static final String LONG = "sleep 600";

    private final AcceleratorSpec spec;
    private final long flavorId;
    private final FrameworkImage image;

    public ScheduleFixtures(ClusterService cluster) {
        spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        flavorId = cluster.flavors(spec.id()).getFirst().id();
        image = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-password")).findFirst()
                .orElseThrow();
    }

    /**
     * A funded project of these members with a quota of one device of the spec (a task's spec must be in its
     * project's quota; the templates use no devices, so that runs never wait for the shared simulated nodes). The
     * quotas earlier tests granted are taken back first, as the container tests do: the capacity is shared. Needs a
     * project manager signed in.
     */
    public long project(ProjectService projects, Wallets wallets, long... members) {
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        testProjects.releaseAllQuotas();
        return testProjects.create(List.of(new Quota(spec.id(), 1, null)), members);
    }

    public TaskForm template(long projectId, String name, String command) {
        return new TaskForm(projectId, name, spec.id(), 0, 1, flavorId, 0, image.id(), command, false, 60);
    }
}
