package io.gantry.cluster;

import io.gantry.runtime.WorkloadSpec;
import io.gantry.secrets.SecretBox;
import io.gantry.shared.NotFound;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cluster inventory as other modules read it on the platform's behalf (the broker's pass, a workload's start, a
 * project's quotas): specs, flavors, nodes and capacity. No user check, since the inventory is not secret and a
 * caller may be the platform itself; joins the caller's transaction. People read it through {@link ClusterService}.
 */
@Component
@NamedInterface("api")
public class ClusterInventory {

    private final ClusterRepository repository;
    private final SecretBox secrets;

    ClusterInventory(ClusterRepository repository, SecretBox secrets) {
        this.repository = repository;
        this.secrets = secrets;
    }

    /**
     * The sign-in of the private registry an image is pulled from, decrypted to be handed to the runtime that pulls
     * it (never to a screen); empty for an image of a public registry or of a registry without a password.
     */
    @Transactional(readOnly = true)
    public Optional<WorkloadSpec.PullCredentials> pullCredentials(long imageId) {
        return repository.imageRegistryId(imageId).flatMap(repository::registry).filter(Registry::hasSecret)
                .flatMap(registry -> repository.registrySecret(registry.id()).map(secret ->
                        new WorkloadSpec.PullCredentials(registryServer(registry.url()), registry.username(),
                                secrets.decrypt(secret))));
    }

    /** A registry's address as image references name it: its URL's host and port ({@code registry.example.org:5000}). */
    static String registryServer(String url) {
        java.net.URI uri = java.net.URI.create(url.strip());
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    @Transactional(readOnly = true)
    public List<AcceleratorSpec> specs() {
        return repository.specs();
    }

    /** Every spec by its id. */
    @Transactional(readOnly = true)
    public Map<Long, AcceleratorSpec> specsById() {
        return repository.specs().stream().collect(Collectors.toMap(AcceleratorSpec::id, Function.identity()));
    }

    @Transactional(readOnly = true)
    public AcceleratorSpec spec(long specId) {
        return repository.spec(specId).orElseThrow(() -> new NotFound("spec"));
    }

    @Transactional(readOnly = true)
    public List<Flavor> flavors(long specId) {
        return repository.flavors(specId);
    }

    /** The platform's images, by name and tag. */
    @Transactional(readOnly = true)
    public List<FrameworkImage> images() {
        return repository.images();
    }

    @Transactional(readOnly = true)
    public List<NodeInfo> nodes() {
        return repository.nodes();
    }

    /** A page of the nodes, real ones first, then by name. */
    @Transactional(readOnly = true)
    public List<NodeInfo> nodes(int offset, int limit) {
        return repository.nodes(List.of(), offset, limit);
    }

    /** How many nodes there are and their devices, summed in SQL. */
    @Transactional(readOnly = true)
    public NodeTotals nodeTotals() {
        return repository.nodeTotals();
    }

    /** Devices per spec over all nodes, and over the nodes that take new work. */
    @Transactional(readOnly = true)
    public Map<Long, Capacity> capacity() {
        return repository.capacity().stream().collect(Collectors.toMap(Capacity::specId, Function.identity()));
    }
}
