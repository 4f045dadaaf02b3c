package io.gantry.container;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.NodeInfo;
import io.gantry.db.tables.records.ContainerRecord;
import io.gantry.identity.AccountService;
import io.gantry.identity.UserRef;
import io.gantry.network.Protocol;
import io.gantry.network.SshPublicKey;
import io.gantry.network.Whitelist;
import io.gantry.network.WhitelistRule;
import io.gantry.network.Whitelists;
import io.gantry.runtime.Access;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.secrets.SecretBox;
import io.gantry.workload.Workload;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns a container's record into what its runtime needs: the workload spec with its devices and environment, the
 * credentials (decrypted only here, kept in memory by the runtime) and the whitelist as a source filter.
 */
@Component
class ContainerAccess {

    static final int SSH_SERVICE_PORT = 22;

    private final ContainerRepository repository;
    private final ClusterService cluster;
    private final Whitelists whitelists;
    private final AccountService accounts;
    private final SecretBox secrets;

    private final WorkSettings settings;

    ContainerAccess(ContainerRepository repository, ClusterService cluster, Whitelists whitelists,
                    AccountService accounts, SecretBox secrets, WorkSettings settings) {
        this.settings = settings;
        this.repository = repository;
        this.cluster = cluster;
        this.whitelists = whitelists;
        this.accounts = accounts;
        this.secrets = secrets;
    }

    /** The account name users sign in to the container's SSH server with: the owner's. */
    String loginName(Container container) {
        return accounts.refs(List.of(container.userId())).stream().findFirst().map(UserRef::username)
                .orElse("user");
    }

    /** What the runtime starts for a container; called as the system once the broker placed it. */
    WorkloadSpec workloadSpec(Container container, Workload workload) {
        ContainerRecord r = repository.record(container.id()).orElseThrow();
        AcceleratorSpec spec = cluster.spec(container.specId());
        Optional<NodeInfo> node = container.nodeId() == null ? Optional.empty()
                : cluster.nodes().stream().filter(n -> n.id() == container.nodeId()).findFirst();
        WorkloadSpec.Devices devices = container.deviceIndexes().isEmpty() ? WorkloadSpec.Devices.NONE
                : new WorkloadSpec.Devices(spec.vendor().visibleDevicesVariable(), container.deviceIndexes(),
                node.map(NodeInfo::simulated).orElse(true));
        List<java.security.PublicKey> keys = repository.keys(container.id()).stream()
                .map(text -> SshPublicKey.parse(text).toPublicKey()).toList();
        Access access = new Access(container.offersSsh(),
                r.getSshPasswordEncrypted() == null ? null : secrets.decrypt(r.getSshPasswordEncrypted()), keys,
                container.offersJupyter(),
                r.getJupyterTokenEncrypted() == null ? null : secrets.decrypt(r.getJupyterTokenEncrypted()),
                sourceFilter(container), ingress(container), List.of(), r.getTerminalPasswordHash());
        return new WorkloadSpec(container.runtimeId(), loginName(container), container.projectId(),
                new WorkloadSpec.ImageRef(container.imageReference(), workload.imageFiles(),
                        settings.pullCredentials(workload.imageId())), List.of(),
                environment(workload.imageEnvironment()), devices,
                new WorkloadSpec.Resources(container.cpuCores(), container.memoryMib(), container.sharedMemoryMib()),
                access, false, Long.toString(container.userId()),
                settings.placement(container.projectId(), container.specId(), container.nodeId(),
                        container.deviceIndexes().size()), null);
    }

    /**
     * The whitelist as rules for a runtime that enforces it outside Gantry (a NetworkPolicy): none for a container
     * without one (anyone), no rule at all for one whose whitelist was deleted since (nobody).
     */
    private List<Access.IngressRule> ingress(Container container) {
        if (container.whitelistId() == null) {
            return Access.ALLOW_ALL;
        }
        return whitelist(container.whitelistId()).map(w -> ingressRules(w.rules())).orElse(List.of());
    }

    /** Each rule as one rule per protocol it lets through (ANY is TCP and UDP). */
    static List<Access.IngressRule> ingressRules(List<WhitelistRule> rules) {
        List<Access.IngressRule> ingress = new java.util.ArrayList<>();
        for (WhitelistRule rule : rules) {
            for (Protocol protocol : rule.protocol() == Protocol.ANY ? List.of(Protocol.TCP, Protocol.UDP)
                    : List.of(rule.protocol())) {
                ingress.add(new Access.IngressRule(rule.cidr().toString(), protocol.name(), rule.portFrom(),
                        rule.portTo()));
            }
        }
        return ingress;
    }

    /** The Jupyter token of a container, for the proxy. */
    Optional<String> jupyterToken(long containerId) {
        return repository.record(containerId).map(ContainerRecord::getJupyterTokenEncrypted).map(secrets::decrypt);
    }

    /**
     * The whitelist as the runtime's filter. It is read again on each connection, so an edited whitelist applies to
     * running containers at once; a deleted one lets nobody in.
     */
    private Access.SourceFilter sourceFilter(Container container) {
        if (container.whitelistId() == null) {
            return Access.SourceFilter.ANYONE;
        }
        long id = container.whitelistId();
        // Rules name the container's service ports, as a NetworkPolicy would: SSH is port 22 whatever host port
        // the local runtime listens on.
        return (address, hostPort) -> whitelist(id).map(w -> w.allows(address, Protocol.TCP, SSH_SERVICE_PORT))
                .orElse(false);
    }

    /** For the web terminal and the Jupyter proxy, which reach the container through Gantry's own port. */
    boolean webAllowed(Container container, InetAddress from) {
        return container.whitelistId() == null
                || whitelist(container.whitelistId()).map(w -> w.allowsSource(from, Protocol.TCP)).orElse(false);
    }

    /** Whether a whitelist a container was created with is still there (it may have been deleted since). */
    boolean whitelistKept(long id) {
        return whitelist(id).isPresent();
    }

    private Optional<Whitelist> whitelist(long id) {
        return whitelists.matcher(id);
    }

    /**
     * The image's environment for the local runtime: {@code KEY=value} pairs, and an absolute path taken as a
     * Python virtual environment (its {@code bin} goes first on the PATH), separated by spaces or new lines.
     */
    static Map<String, String> environment(String text) {
        Map<String, String> environment = new HashMap<>();
        if (text == null) {
            return environment;
        }
        for (String token : text.split("[\\s;]+")) {
            if (token.indexOf('=') > 0) {
                environment.put(token.substring(0, token.indexOf('=')), token.substring(token.indexOf('=') + 1));
            } else if (token.startsWith("/")) {
                environment.put("VIRTUAL_ENV", token);
                environment.put("PATH", token + "/bin:" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            }
        }
        return environment;
    }
}
