package io.gantry.runtime.local;

import io.gantry.runtime.Endpoint;
import io.gantry.runtime.Isolation;
import io.gantry.runtime.JupyterTraffic;
import io.gantry.runtime.ReconcileResult;
import io.gantry.runtime.SavedImage;
import io.gantry.runtime.WorkloadActivity;
import io.gantry.runtime.WorkloadEnded;
import io.gantry.runtime.WorkloadMetrics;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import io.gantry.runtime.WorkspacePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Runs workloads as process trees on this machine (DESIGN §5). Each workload has a private root folder (its home,
 * what a saved image keeps) with the owner's workspace linked in as {@code ~/Workspace}, its output in a log file,
 * its devices in the vendor's variable, and an SSH server, Jupyter and terminals that all carry the workload's
 * marker, so that stopping it ends everything it started. Where the host allows, each workload runs in a
 * {@link Sandbox} of its own that shows it nothing else of the machine, and its sessions, terminals and Jupyter
 * enter that sandbox. Main processes outlive a restart of the app; the next start adopts them through
 * {@link #reconcile} ({@link Adoption}). Its {@link WorkloadWatcher} reads the CPU time of each workload's processes
 * as it checks their memory, and sessions are counted as they open, pass data and close, so that {@link #activity}
 * reads nothing. The folders on disk are {@link RuntimeFolders}' job.
 */
@Component
@ConditionalOnProperty(name = "gantry.runtime.type", havingValue = "local", matchIfMissing = true)
public class LocalRuntime implements WorkloadRuntime, DisposableBean {

    public static final String NAME = "local";
    /** How long a session waits for a sandbox that is still being made. */
    private static final Duration SANDBOX_PATIENCE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(LocalRuntime.class);

    private final LocalRuntimeProperties properties;
    private final RuntimeFolders folders;
    private final String scope;
    private final String publicHost;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JupyterTraffic jupyterTraffic;
    private final Map<String, LocalWorkload> workloads = new ConcurrentHashMap<>();
    private final WorkloadWatcher watcher;
    private final Thread hostKeyPreparation;
    private final Adoption adoption;
    private final Sandbox sandbox;

    /** A runtime that sees no Jupyter traffic (no proxy in front of it). */
    public LocalRuntime(LocalRuntimeProperties properties, ApplicationEventPublisher events, Clock clock) {
        this(properties, events, clock, new JupyterTraffic(clock));
    }

    /** @param jupyterTraffic what Gantry's Jupyter proxy passes to each workload */
    @Autowired
    public LocalRuntime(LocalRuntimeProperties properties, ApplicationEventPublisher events, Clock clock,
                        JupyterTraffic jupyterTraffic) {
        this.properties = properties;
        this.jupyterTraffic = jupyterTraffic;
        Path home = Path.of(properties.home()).toAbsolutePath().normalize();
        this.folders = new RuntimeFolders(home, properties.hiddenPaths());
        this.scope = home.toString();
        this.publicHost = properties.publicHost().isBlank() ? siteAddress() : properties.publicHost();
        this.events = events;
        this.clock = clock;
        this.sandbox = detectSandbox();
        this.adoption = new Adoption(scope, folders, properties.stopGrace(), clock);
        this.watcher = new WorkloadWatcher(workloads::values, () -> WorkloadProcesses.all(scope),
                (workload, state, exitCode, reason, arguments) -> end(workload, state, exitCode, reason, arguments,
                        true)).every(properties.watchInterval());
        this.hostKeyPreparation = Thread.ofVirtual().name("ssh-host-key").start(() -> {
            try {
                WorkloadSshServer.prepare(folders.sshKeys());
            } catch (IOException | RuntimeException e) {
                log.warn("Could not prepare the SSH host key in {}: {}", folders.sshKeys(), e.getMessage());
            }
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Finds out how workloads are isolated on this machine, and says so. */
    private Sandbox detectSandbox() {
        Sandbox found = Sandbox.detect(folders.home(), folders.hidden());
        if (found.available()) {
            log.info("Workloads on this machine are isolated with {}{}", Sandbox.MECHANISM,
                    found.separateAccounts() ? ", each owner's as an unprivileged account of its own"
                            : ", as Gantry's own account");
        } else {
            log.warn("WORKLOADS ON THIS MACHINE ARE NOT ISOLATED: {}. Their processes run as Gantry's own account and"
                    + " can read Gantry's data, other users' workspaces and other workloads' processes. Install"
                    + " bubblewrap (Debian: apt-get install bubblewrap) and restart Gantry.", found.problem());
        }
        return found;
    }

    @Override
    public Isolation isolation() {
        return sandbox.available() ? new Isolation(true, Sandbox.MECHANISM, null) : Isolation.none(sandbox.problem());
    }

    @Override
    public boolean jupyterAvailable() {
        return JupyterServer.available();
    }

    /** This machine's name and the runtime's home: another home on the same machine is another instance. */
    @Override
    public String instanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + folders.home();
    }

    /** Where this runtime keeps workloads, workspaces and saved images. */
    public Path home() {
        return folders.home();
    }

    /** The folder kept across an owner's workloads; {@code owner} is the spec's workspace owner (an account id). */
    public Path workspace(String owner) {
        return folders.workspace(owner);
    }

    /**
     * Makes the owner's workspace under the runtime's home; where each owner's workloads run as an account of their
     * own, the folder is that account's, as a workload's start would leave it.
     */
    @Override
    public void prepareWorkspace(String owner) {
        int uid = sandbox.available() && sandbox.separateAccounts() ? Sandbox.UidRange.of(owner) : -1;
        try {
            Path workspace = folders.prepareWorkspace(owner, uid);
            log.info("Prepared the workspace of owner {} in {}", owner, workspace);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the workspace of owner " + owner, e);
        }
    }

    @Override
    public WorkloadStatus start(WorkloadSpec spec) {
        LocalWorkload existing = workloads.get(spec.id());
        if (existing != null && existing.live()) {
            return existing.status;
        }
        Path directory = folders.directory(spec.id());
        try {
            int uid = sandbox.available() ? (sandbox.separateAccounts()
                    ? Sandbox.UidRange.of(spec.workspaceOwner()) : Sandbox.currentUid()) : -1;
            Path root = folders.prepare(spec, directory, uid, sandbox.separateAccounts());
            Map<String, String> environment = environment(spec, root);
            List<String> command = spec.command().isEmpty() ? List.of("sleep", "infinity") : spec.command();
            if (uid >= 0) {
                command = sandbox.create(layout(spec, directory, uid), command);
            }
            RuntimeFolders.writeSandboxUid(directory, uid);
            Path output = PrivateFiles.createFile(folders.log(spec.id()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process main = builder.start();
            RuntimeFolders.writeMainPid(directory, main.pid());
            LocalWorkload workload = new LocalWorkload(spec, directory, environment, main, main.toHandle(),
                    clock.instant(), uid, clock);
            workloads.put(spec.id(), workload);
            try {
                startSideServices(workload);
            } catch (IOException | RuntimeException e) {
                end(workload, WorkloadState.FAILED, null, "runtime.reason.start-failed", List.of(message(e)), false);
                return workload.status;
            }
            log.info("Started workload {} (pid {}) in {}", spec.id(), main.pid(), root);
            return workload.status;
        } catch (IOException e) {
            log.warn("Could not start workload {}", spec.id(), e);
            return new WorkloadStatus(spec.id(), WorkloadState.FAILED, null, "runtime.reason.start-failed",
                    List.of(message(e)), clock.instant());
        }
    }

    /** What the workload's sandbox shows it. */
    private Sandbox.Layout layout(WorkloadSpec spec, Path directory, int uid) throws IOException {
        RuntimeFolders.JupyterFolders jupyter = RuntimeFolders.JupyterFolders.of(directory);
        boolean withJupyter = spec.access().jupyter();
        List<Path> devices = spec.devices().nvidia() ? nvidiaDevices(spec.devices()) : List.of();
        return new Sandbox.Layout(spec.id(), directory.resolve("root"), folders.workspace(spec.workspaceOwner()),
                withJupyter ? List.of(jupyter.data(), jupyter.runtime()) : List.of(),
                withJupyter ? List.of(jupyter.config()) : List.of(), uid, spec.resources().sharedMemoryMib(),
                devices, folders.hidden(), sandbox.separateAccounts()
                ? RuntimeFolders.passwdFile(spec, directory, directory.resolve("root"), uid) : null);
    }

    /** The device files a workload needs for its NVIDIA devices (none exist on simulated nodes). */
    private static List<Path> nvidiaDevices(WorkloadSpec.Devices devices) {
        if (devices.simulated()) {
            return List.of();
        }
        List<Path> files = new ArrayList<>(List.of(Path.of("/dev/nvidiactl"), Path.of("/dev/nvidia-uvm"),
                Path.of("/dev/nvidia-uvm-tools")));
        devices.indexes().forEach(index -> files.add(Path.of("/dev/nvidia" + index)));
        return files;
    }

    /**
     * Where a workload's later processes start: in its sandbox (they enter the namespaces of its init), or on the
     * host where it has none.
     */
    private Launcher launcher(LocalWorkload workload, Path workingDirectory) {
        if (workload.uid < 0) {
            return Launcher.HOST;
        }
        return command -> {
            ProcessHandle init = Sandbox.readyInitOf(workload.main, SANDBOX_PATIENCE)
                    .orElseThrow(() -> new IllegalStateException("The sandbox of " + workload.id() + " is gone"));
            return sandbox.enter(init.pid(), workingDirectory, workload.uid, command);
        };
    }

    Map<String, String> environment(WorkloadSpec spec, Path root) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("HOME", root.toString());
        env.put("USER", spec.owner());
        env.put("LOGNAME", spec.owner());
        env.put("SHELL", Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh");
        env.put("WORKSPACE", folders.workspace(spec.workspaceOwner()).toString());
        env.putAll(spec.environment());
        WorkloadSpec.Devices devices = spec.devices();
        if (devices.visibleDevicesVariable() != null) {
            env.put(devices.visibleDevicesVariable(), devices.indexes().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
            if (devices.simulated()) {
                env.put("GANTRY_DEVICES_SIMULATED", "true");
            }
        }
        env.put("GANTRY_CPU_CORES", Integer.toString(spec.resources().cpuCores()));
        env.put("GANTRY_MEMORY_MIB", Long.toString(spec.resources().memoryMib()));
        env.put("GANTRY_SHM_MIB", Long.toString(spec.resources().sharedMemoryMib()));
        env.put(WorkloadProcesses.MARKER, spec.id());
        env.put(WorkloadProcesses.SCOPE, scope);
        return env;
    }

    private void startSideServices(LocalWorkload workload) throws IOException {
        WorkloadSpec spec = workload.spec;
        Cgroup.create(Path.of("/sys/fs/cgroup"), spec.id(), spec.resources().cpuCores(), spec.resources().memoryMib())
                .ifPresent(group -> {
                    workload.cgroup = group;
                    group.enroll(List.of(workload.main));
                });
        if (spec.access().ssh()) {
            WorkloadSshServer ssh = WorkloadSshServer.start(new WorkloadSshServer.Settings(spec.id(), spec.owner(),
                    workload.root, workload.environment, spec.access(), properties.bindHost(), folders.sshKeys(),
                    new WorkloadSshServer.Confinement(launcher(workload, workload.root))),
                    process -> { }, events::publishEvent, clock);
            synchronized (workload) {
                if (!workload.ending) {
                    workload.ssh = ssh;
                }
            }
            if (workload.ssh != ssh) {
                // Stopped while it was starting: the end found no server to close.
                closeQuietly(ssh);
                return;
            }
        }
        if (spec.access().jupyter() && JupyterServer.available()) {
            // Jupyter takes seconds to come up; SSH and the terminal are usable meanwhile, and its link appears
            // once it answers.
            Thread.ofVirtual().name("jupyter-start-" + spec.id()).start(() -> startJupyter(workload));
        }
    }

    private void startJupyter(LocalWorkload workload) {
        WorkloadSpec spec = workload.spec;
        try {
            RuntimeFolders.JupyterFolders jupyterFolders = RuntimeFolders.JupyterFolders.of(workload.directory);
            JupyterServer jupyter = JupyterServer.start(spec.id(), workload.root, workload.environment,
                    spec.access().jupyterToken(), jupyterPath(spec.id()), workload.directory.resolve("jupyter.log"),
                    new JupyterServer.Launch(launcher(workload, workload.root), jupyterFolders.config(),
                            jupyterFolders.data(), jupyterFolders.runtime()));
            synchronized (workload) {
                if (workload.live() && !workload.ending) {
                    workload.jupyter = jupyter;
                    return;
                }
            }
            closeQuietly(jupyter);
        } catch (IOException | RuntimeException e) {
            log.warn("Jupyter did not start for workload {}: {}", spec.id(), e.getMessage());
        }
    }

    /** The path under which Gantry's proxy serves a workload's Jupyter (and Jupyter knows itself). */
    public static String jupyterPath(String workloadId) {
        return "/jupyter/" + workloadId + "/";
    }

    @Override
    public void stop(String workloadId, Duration grace) {
        LocalWorkload workload = workloads.get(workloadId);
        if (workload != null) {
            end(workload, WorkloadState.STOPPED, null, null, List.of(), false, grace);
        } else {
            WorkloadProcesses.kill(scope, workloadId, grace);
        }
    }

    private void end(LocalWorkload workload, WorkloadState state, Integer exitCode, String reason,
                     List<String> arguments, boolean publish) {
        end(workload, state, exitCode, reason, arguments, publish, properties.stopGrace());
    }

    private void end(LocalWorkload workload, WorkloadState state, Integer exitCode, String reason,
                     List<String> arguments, boolean publish, Duration grace) {
        JupyterServer jupyter;
        boolean endingElsewhere;
        synchronized (workload) {
            if (!workload.live() && !workload.ending) {
                return;
            }
            endingElsewhere = workload.ending;
            workload.ending = true;
            jupyter = workload.jupyter;
        }
        if (endingElsewhere) {
            // Another caller is ending it; whoever asks returns only once nothing of it runs any more.
            awaitQuietly(workload.ended, grace.plusSeconds(5));
            return;
        }
        closeQuietly(workload.ssh);
        closeQuietly(jupyter);
        WorkloadProcesses.kill(scope, workload.id(), grace);
        if (workload.mainProcess != null) {
            workload.mainProcess.destroyForcibly();
        }
        if (workload.cgroup != null) {
            workload.cgroup.remove();
        }
        // Published only now, so that whoever sees the workload ended finds none of its processes left.
        workload.status = new WorkloadStatus(workload.id(), state, exitCode, reason, arguments, clock.instant());
        workload.ended.countDown();
        log.info("Workload {} ended: {} {}", workload.id(), workload.status.state(),
                reason == null ? "" : reason + " " + arguments);
        if (publish) {
            events.publishEvent(new WorkloadEnded(NAME, workload.status));
        }
    }

    @Override
    public WorkloadStatus inspect(String workloadId) {
        LocalWorkload workload = workloads.get(workloadId);
        return workload == null ? WorkloadStatus.unknown(workloadId, clock.instant()) : workload.status;
    }

    @Override
    public ReconcileResult reconcile(Map<String, WorkloadSpec> expected) {
        return adoption.reconcile(expected, workloads::get, this::adopt);
    }

    /** Takes over a workload started before a restart: the side services died with the old app and start again. */
    private void adopt(WorkloadSpec spec, ProcessHandle main) {
        Path directory = folders.directory(spec.id());
        LocalWorkload workload = new LocalWorkload(spec, directory, environment(spec, directory.resolve("root")),
                null, main, clock.instant(), RuntimeFolders.sandboxUid(directory), clock);
        workloads.put(spec.id(), workload);
        try {
            startSideServices(workload);
        } catch (IOException | RuntimeException e) {
            end(workload, WorkloadState.FAILED, null, "runtime.reason.start-failed", List.of(message(e)), true);
        }
    }

    @Override
    public List<String> tail(String workloadId, int lines) {
        try {
            return LogFile.tail(folders.log(workloadId), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream log(String workloadId) throws IOException {
        Path file = folders.log(workloadId);
        return Files.exists(file) ? Files.newInputStream(file) : InputStream.nullInputStream();
    }

    @Override
    public Terminal openTerminal(String workloadId, int columns, int rows) throws IOException {
        LocalWorkload workload = held(workloadId).filter(LocalWorkload::live)
                .orElseThrow(() -> new NotRunning(workloadId));
        PtyShell shell = PtyShell.open(workload.root, workload.environment,
                PtyShell.loginShell(workload.environment), columns, rows, null, launcher(workload, workload.root));
        return new MeteredTerminal(shell, workload.terminals);
    }

    @Override
    public Optional<WorkloadMetrics> metrics(String workloadId) {
        return held(workloadId).filter(LocalWorkload::live).map(workload -> {
            ProcessUsage usage = ProcessUsage.sum(WorkloadProcesses.of(scope, workloadId));
            double cpu = workload.cpuPercent(usage.cpuTicks(), System.nanoTime());
            WorkloadSpec.Devices devices = workload.spec.devices();
            List<WorkloadMetrics.DeviceMetrics> deviceMetrics = devices.simulated()
                    ? devices.indexes().stream().map(i -> new WorkloadMetrics.DeviceMetrics(i, true, null, null, null))
                    .toList()
                    : devices.nvidia() ? NvidiaSmi.read(devices.indexes()) : List.of();
            // Processes on this host share its network; the runtime cannot tell a workload's traffic apart.
            return new WorkloadMetrics(clock.instant(), cpu, usage.residentBytes(),
                    workload.spec.resources().memoryMib() << 20, RuntimeFolders.size(workload.root), null, null,
                    deviceMetrics);
        });
    }

    @Override
    public Optional<WorkloadActivity> activity(String workloadId) {
        return held(workloadId).filter(LocalWorkload::live).map(workload -> {
            WorkloadSshServer ssh = workload.ssh;
            int sshSessions = ssh == null ? 0 : ssh.openSessions();
            Instant last = SessionMeter.latest(ssh == null ? null : ssh.lastSessionActivity(),
                    SessionMeter.latest(workload.terminals.last(), jupyterTraffic.last(workloadId)));
            return new WorkloadActivity(clock.instant(), sshSessions, workload.terminals.open(),
                    jupyterTraffic.sessions(workloadId), last, workload.cpuCoresSinceLastReport(),
                    busiestDevice(workload.spec.devices()));
        });
    }

    /** The utilisation of the busiest of a workload's NVIDIA devices; null for simulated ones or none. */
    private static Double busiestDevice(WorkloadSpec.Devices devices) {
        if (devices.simulated() || !devices.nvidia() || devices.indexes().isEmpty()) {
            return null;
        }
        return NvidiaSmi.read(devices.indexes()).stream().map(WorkloadMetrics.DeviceMetrics::utilisationPercent)
                .filter(java.util.Objects::nonNull).max(Double::compare).orElse(null);
    }

    @Override
    public List<Endpoint> endpoints(String workloadId) {
        return held(workloadId).filter(LocalWorkload::live).map(workload -> {
            List<Endpoint> endpoints = new ArrayList<>();
            if (workload.ssh != null) {
                endpoints.add(new Endpoint(Endpoint.Kind.SSH, publicHost, workload.ssh.port(), null));
            }
            if (workload.jupyter != null) {
                endpoints.add(new Endpoint(Endpoint.Kind.JUPYTER, "127.0.0.1", workload.jupyter.port(),
                        jupyterPath(workloadId)));
            }
            endpoints.add(new Endpoint(Endpoint.Kind.TERMINAL, publicHost, 0, null));
            return List.copyOf(endpoints);
        }).orElse(List.of());
    }

    @Override
    public SavedImage saveImage(String workloadId, String imageName, String tag) {
        LocalWorkload workload = held(workloadId).filter(LocalWorkload::live)
                .orElseThrow(() -> new NotRunning(workloadId));
        try {
            Path target = folders.saveImage(workload.root, imageName, tag);
            return new SavedImage(imageName + ":" + tag, target.toString(), RuntimeFolders.size(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long writeToWorkspace(String owner, WorkspacePath path, InputStream content, long maxBytes)
            throws IOException {
        int uid = sandbox.available() && sandbox.separateAccounts() ? Sandbox.UidRange.of(owner) : -1;
        return folders.writeToWorkspace(owner, uid, path, content, maxBytes);
    }

    @Override
    public void deleteSavedImage(String savedFiles) {
        try {
            folders.deleteSavedImage(Path.of(savedFiles));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void remove(String workloadId) {
        stop(workloadId, Duration.ZERO);
        workloads.remove(workloadId);
        jupyterTraffic.forget(workloadId);
        try {
            folders.remove(workloadId);
        } catch (IOException e) {
            log.warn("Could not delete the folder of workload {}", workloadId, e);
        }
    }

    private Optional<LocalWorkload> held(String workloadId) {
        return Optional.ofNullable(workloads.get(workloadId));
    }

    /**
     * On shutdown the SSH servers and Jupyter go (they belong to this app); main processes keep running, and the
     * next start adopts them.
     */
    @Override
    public void destroy() {
        watcher.close();
        // Nothing may write into the runtime's folders once it is gone, and a host key cut off half-written would
        // not load at the next start.
        awaitQuietly(hostKeyPreparation, Duration.ofSeconds(30));
        for (LocalWorkload workload : workloads.values()) {
            closeQuietly(workload.ssh);
            closeQuietly(workload.jupyter);
        }
    }

    /** Stops everything this runtime holds; for tests and for an operator emptying a machine. */
    public void stopAll() {
        List.copyOf(workloads.keySet()).forEach(id -> stop(id, Duration.ofSeconds(2)));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Closing {} failed", closeable, e);
        }
    }

    /** What went wrong, short enough for a status line; the whole exception goes to the log. */
    private static String message(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    private static void awaitQuietly(Thread thread, Duration patience) {
        try {
            thread.join(patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch, Duration patience) {
        try {
            latch.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first non-loopback IPv4 address of this machine, which other machines on its network can reach. */
    private static String siteAddress() {
        try {
            return NetworkInterface.networkInterfaces().filter(LocalRuntime::up)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .map(InetAddress::getHostAddress).findFirst().orElse("127.0.0.1");
        } catch (SocketException e) {
            return "127.0.0.1";
        }
    }

    private static boolean up(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
