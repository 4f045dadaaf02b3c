package io.gantry.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.modulith.NamedInterface;

/**
 * A place where workloads run. Small on purpose, so that a Kubernetes implementation maps onto it: start is a Pod
 * (or a Job for batch work) with a Service, stop deletes them, inspect reads the Pod's phase, logs and terminal go
 * through the API's log and exec endpoints, save image commits a container to a registry.
 */
@NamedInterface("api")
public interface WorkloadRuntime {

    /** "local" or "kubernetes", stored with each workload so that a restart knows where to look. */
    String name();

    /**
     * Which installation of this runtime this is, stable across restarts of the same replica: where several replicas
     * share one database, a workload is acted on only by the replica whose runtime instance holds it.
     */
    String instanceId();

    /** Whether workloads on this machine are kept from the platform and from each other, and by what. */
    default Isolation isolation() {
        return Isolation.none(null);
    }

    /**
     * Prepares an owner's workspace, the folder kept across the owner's workloads, so that it is there, with the
     * owner and permissions the runtime's isolation expects, before the first workload mounts it (a folder of the
     * owner's account here; a volume on Kubernetes). Idempotent: preparing it again keeps its files.
     *
     * @param owner the workspace owner as in {@link WorkloadSpec#workspaceOwner()} (an account id)
     */
    void prepareWorkspace(String owner);

    /** Whether this runtime can serve Jupyter at all (the local runtime needs a Jupyter server on the host). */
    boolean jupyterAvailable();

    /**
     * Starts a workload and returns once it runs (or failed to start). Its SSH server, Jupyter and terminal are
     * ready when this returns, so the endpoints can be shown at once.
     */
    WorkloadStatus start(WorkloadSpec spec);

    /** Stops gracefully, then after {@code grace} kills whatever of the workload still lives. Idempotent. */
    void stop(String workloadId, Duration grace);

    /** Removes what is left of an ended workload (its private files, its pods); its owner's workspace stays. */
    void remove(String workloadId);

    /** Where the workload stands now; {@link WorkloadState#UNKNOWN} for a workload this runtime does not hold. */
    WorkloadStatus inspect(String workloadId);

    /**
     * After a restart of the app: adopts the live workloads the records expect (their side services start again),
     * stops the live ones nobody expects, and reports the expected ones that are gone.
     */
    ReconcileResult reconcile(Map<String, WorkloadSpec> expected);

    /** The last lines of the workload's output. */
    List<String> tail(String workloadId, int lines);

    /** The whole output, for download. */
    InputStream log(String workloadId) throws IOException;

    /** A shell on a terminal inside the workload (a PTY here, exec with a TTY on Kubernetes). */
    Terminal openTerminal(String workloadId, int columns, int rows) throws IOException;

    /** Usage right now, or empty if the workload does not run. */
    Optional<WorkloadMetrics> metrics(String workloadId);

    /**
     * Sessions, their last traffic and CPU and GPU use, for idle reclaim; empty for a workload this runtime does not
     * hold or that no longer runs. Cheap enough to ask of every workload at every resync: the CPU figure covers the
     * time since the previous call, so one caller (the reconciler) should ask.
     */
    Optional<WorkloadActivity> activity(String workloadId);

    /** How users reach the workload: SSH, Jupyter, web terminal and extra ports. */
    List<Endpoint> endpoints(String workloadId);

    /** Saves the workload's files and environment as an image new workloads can start from. */
    SavedImage saveImage(String workloadId, String imageName, String tag);

    /**
     * Writes a file into an owner's workspace (an upload), making its folders, replacing a file of the same name; it
     * never follows a link out of the workspace. Stops and keeps nothing once more than {@code maxBytes} arrive.
     *
     * @param owner the workspace owner as in {@link WorkloadSpec#workspaceOwner()} (an account id)
     * @return the bytes written
     * @throws TooLarge when the content is longer than {@code maxBytes}
     */
    long writeToWorkspace(String owner, WorkspacePath path, InputStream content, long maxBytes) throws IOException;

    /** The content of a file written to a workspace was longer than allowed; nothing of it was kept. */
    final class TooLarge extends IOException {
        public TooLarge(long maxBytes) {
            super("More than " + maxBytes + " bytes");
        }
    }

    /**
     * Deletes the files of an image {@link #saveImage} saved, once no workload starts from it any more; a location
     * that is not one of this runtime's saved images is left alone.
     */
    void deleteSavedImage(String savedFiles);

    /** A shell session: what the shell prints, what the user types, and the window size. */
    interface Terminal extends AutoCloseable {
        InputStream output();

        java.io.OutputStream input();

        void resize(int columns, int rows);

        boolean isOpen();

        @Override
        void close();
    }

    /**
     * Whether every replica reaches the same workloads through this runtime (a cluster's API), rather than each its
     * own (the local runtime's processes): then any replica may act on any of them, one at a time under its lease.
     */
    default boolean sharedByReplicas() {
        return false;
    }

    /**
     * The nodes as the runtime sees them, for an inventory kept by the runtime rather than configured in Gantry;
     * empty where Gantry's own node list is the inventory (the local runtime).
     *
     * @throws Unavailable when the runtime cannot be asked now
     */
    default Optional<List<RuntimeNode>> nodes() {
        return Optional.empty();
    }

    /**
     * What the runtime itself reported about a workload (a Pod's events: scheduling, pulling, back-off), oldest
     * first; empty where the runtime reports nothing beyond {@link #inspect}.
     */
    default List<RuntimeEvent> events(String workloadId) {
        return List.of();
    }

    /**
     * Deletes what this runtime made for workloads nobody expects any more, and nothing else. It lists what it holds
     * first and asks {@code expected} afterwards, so a workload started meanwhile is always expected.
     *
     * @param expected the ids of the workloads whose objects must stay
     * @return the ids whose objects were deleted
     */
    default List<String> deleteOrphans(Supplier<Set<String>> expected) {
        return List.of();
    }

    /**
     * The runtime could not be reached or refused to answer (a cluster's API down): nothing is known about the
     * workload, so nothing should be concluded about it; the caller tries again later.
     *
     * @param reason a message key for the user ({@code runtime.reason.unavailable}); {@code arguments} what it names
     */
    @NamedInterface("api")
    final class Unavailable extends RuntimeException {
        private final String reason;
        private final List<String> arguments;

        public Unavailable(String reason, List<String> arguments, Throwable cause) {
            super(reason + " " + arguments, cause);
            this.reason = reason;
            this.arguments = List.copyOf(arguments);
        }

        public String reason() {
            return reason;
        }

        public List<String> arguments() {
            return arguments;
        }
    }

    /**
     * The runtime does not do this (saving an image where no image builder is configured, say).
     *
     * @param reason a message key for the user; {@code arguments} what it names
     */
    @NamedInterface("api")
    final class Refused extends RuntimeException {
        private final String reason;
        private final List<String> arguments;

        public Refused(String reason, List<String> arguments) {
            super(reason + " " + arguments);
            this.reason = reason;
            this.arguments = List.copyOf(arguments);
        }

        public String reason() {
            return reason;
        }

        public List<String> arguments() {
            return arguments;
        }
    }

    /** Thrown when a workload is not held by this runtime (stopped, never started, or lost). */
    final class NotRunning extends RuntimeException {
        public NotRunning(String workloadId) {
            super("Workload " + workloadId + " does not run");
        }
    }
}
