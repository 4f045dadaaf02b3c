package io.gantry.container;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.network.SshKey;
import io.gantry.network.WhitelistDetails;
import io.gantry.project.Project;
import java.util.List;

/**
 * What the create form offers in a project, read in one call: exactly what {@link ContainerService#create} accepts
 * there for the signed-in user.
 *
 * @param specs the specs the project has a quota of, each with the counts and flavors a container may ask for
 * @param publicImages the platform's images
 * @param customImages the images saved in the project
 * @param keys the signed-in user's SSH keys, for images that sign in with a key
 * @param whitelists the signed-in user's whitelists
 */
public record ContainerOptions(Project project, List<SpecChoice> specs, List<FrameworkImage> publicImages,
                               List<FrameworkImage> customImages, List<SshKey> keys,
                               List<WhitelistDetails> whitelists) {

    public ContainerOptions {
        specs = List.copyOf(specs);
        publicImages = List.copyOf(publicImages);
        customImages = List.copyOf(customImages);
        keys = List.copyOf(keys);
        whitelists = List.copyOf(whitelists);
    }

    /**
     * A spec as the form offers it.
     *
     * @param counts the spec's device counts the project's quota (and maximum per user) can ever allow: a larger one
     *               would be refused at once
     * @param most the most devices of the spec one container of the project can get
     * @param perUserLimited whether the per-user maximum, not the quota, sets {@code most}
     * @param flavors the CPU and memory sizes of the spec
     */
    public record SpecChoice(AcceleratorSpec spec, List<Integer> counts, int most, boolean perUserLimited,
                             List<Flavor> flavors) {

        public SpecChoice {
            counts = List.copyOf(counts);
            flavors = List.copyOf(flavors);
        }

        /** Whether every count the spec allows is offered (otherwise the form says why the larger are missing). */
        public boolean allCounts() {
            return counts.size() == spec.allowedCounts().size();
        }
    }
}
