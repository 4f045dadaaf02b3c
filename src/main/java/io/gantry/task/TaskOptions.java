package io.gantry.task;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.project.Project;
import java.util.List;

/**
 * What the run-task form offers in a project: exactly what {@link TaskService#create} accepts there for the
 * signed-in user.
 *
 * @param specs the specs the project has a quota of, each with the counts and flavors a task may ask for
 * @param publicImages the platform's images
 * @param customImages the project's custom images the user may use
 * @param mostNodes per spec id, the most nodes a distributed task of it can be placed on
 */
public record TaskOptions(Project project, List<SpecChoice> specs, List<FrameworkImage> publicImages,
                          List<FrameworkImage> customImages, java.util.Map<Long, Integer> mostNodes) {

    public TaskOptions {
        specs = List.copyOf(specs);
        publicImages = List.copyOf(publicImages);
        customImages = List.copyOf(customImages);
        mostNodes = java.util.Map.copyOf(mostNodes);
    }

    /** A spec as the form offers it: the device counts the project can ever allow, and the flavors. */
    public record SpecChoice(AcceleratorSpec spec, List<Integer> counts, int most, List<Flavor> flavors) {

        public SpecChoice {
            counts = List.copyOf(counts);
            flavors = List.copyOf(flavors);
        }
    }
}
