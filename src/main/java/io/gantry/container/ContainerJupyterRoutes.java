package io.gantry.container;

import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.JupyterTarget;
import java.net.InetAddress;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Lets Gantry's Jupyter proxy reach a container's Jupyter for those who may operate it, from whitelisted addresses. */
@Component
class ContainerJupyterRoutes implements JupyterRoutes {

    private final ContainerService containers;

    ContainerJupyterRoutes(ContainerService containers) {
        this.containers = containers;
    }

    @Override
    public Optional<JupyterTarget> route(String workload, InetAddress remoteAddress) {
        return Container.containerId(workload).flatMap(id -> containers.jupyter(id, remoteAddress));
    }
}
