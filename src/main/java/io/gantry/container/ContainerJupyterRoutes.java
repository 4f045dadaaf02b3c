package io.gantry.container;

import io.gantry.workload.Phase;
import io.gantry.identity.CurrentUser;
import io.gantry.runtime.Endpoint;
import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.JupyterTarget;
import io.gantry.runtime.WorkloadRuntime;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Lets a container's owner into its Jupyter, from whitelisted addresses: {@link #holder} asks the container service
 * as the signed-in user; {@link #route}, called on the Jupyter host where nobody is signed in, checks the same again
 * for the user the ticket names, on every request.
 */
@Component
class ContainerJupyterRoutes implements JupyterRoutes {

    private final ContainerService containers;
    private final ContainerRepository repository;
    private final ContainerAccess access;
    private final WorkloadRuntime runtime;

    ContainerJupyterRoutes(ContainerService containers, ContainerRepository repository, ContainerAccess access,
                           WorkloadRuntime runtime) {
        this.containers = containers;
        this.repository = repository;
        this.access = access;
        this.runtime = runtime;
    }

    @Override
    public Optional<String> holder(String workload, InetAddress remoteAddress) {
        return repository.byRuntimeId(workload).map(Container::id)
                .flatMap(id -> containers.jupyter(id, remoteAddress))
                .flatMap(target -> CurrentUser.get())
                .map(me -> Long.toString(me.id()));
    }

    @Override
    public Optional<JupyterTarget> route(String workload, String holder, InetAddress remoteAddress) {
        Optional<Long> userId = userId(holder);
        Optional<Container> found = repository.byRuntimeId(workload);
        if (userId.isEmpty() || found.isEmpty()) {
            return Optional.empty();
        }
        Container container = found.get();
        if (container.userId() != userId.get() || container.state() != Phase.RUNNING
                || !container.offersJupyter() || !access.webAllowed(container, remoteAddress)) {
            return Optional.empty();
        }
        return runtime.endpoints(container.runtimeId()).stream().filter(e -> e.kind() == Endpoint.Kind.JUPYTER)
                .findFirst().flatMap(e -> access.jupyterToken(container.id()).map(token ->
                        new JupyterTarget(URI.create("http://" + e.host() + ":" + e.port()), token)));
    }

    private static Optional<Long> userId(String holder) {
        try {
            return Optional.of(Long.parseLong(holder));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
