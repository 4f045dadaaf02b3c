package io.gantry.runtime.local;

import io.gantry.runtime.Access;
import io.gantry.runtime.SshLoginFailed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.SessionHeartbeatController.HeartbeatType;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.session.ServerSessionImpl;
import org.apache.sshd.server.session.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH server of one workload: a shell on a real PTY, remote commands, SFTP and SCP, all running as the
 * workload's processes (its environment, {@value WorkloadProcesses#MARKER} included, and its working directory),
 * inside its sandbox where it has one; SFTP ({@code sftp-server}) and SCP ({@code scp -t/-f}) too, so they reach
 * what the workload's shell reaches and no more.
 * Only the workload's login name gets in, by its password or one of its keys, and only from addresses the
 * whitelist allows. Port forwarding is refused: a forwarded port would reach this host's own services.
 * It counts its logged-in sessions and notes when one last passed data, for the workload's activity.
 */
public final class WorkloadSshServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkloadSshServer.class);
    private static final String HOST_KEY_FILE = "ssh_host_ed25519_key";
    private static final int ED25519_KEY_SIZE = 256;
    private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofMinutes(1);

    /*
     * A machine may run dozens of workloads, each with a server that mostly idles: they share one small I/O pool
     * and one timer instead of a pool per server. Each server's channel group keeps a single polling thread.
     */
    private static final CloseableExecutorService IO_POOL =
            ThreadUtils.newFixedThreadPool("workload-ssh-io", Runtime.getRuntime().availableProcessors() + 1);
    private static final IoServiceFactoryFactory SHARED_IO =
            new Nio2ServiceFactoryFactory(() -> ThreadUtils.noClose(IO_POOL));
    private static final ScheduledExecutorService TIMER =
            ThreadUtils.newSingleThreadScheduledExecutor("workload-ssh-timer");
    /** One provider per key file, so that servers starting together never generate two different keys. */
    private static final Map<Path, SimpleGeneratorHostKeyProvider> HOST_KEYS = new ConcurrentHashMap<>();

    private final Settings settings;
    private final Consumer<Process> processStarted;
    private final SshServer server;
    private final Set<WorkloadCommand> running = ConcurrentHashMap.newKeySet();
    private final Consumer<SshLoginFailed> loginFailed;
    private final SshLoginThrottle throttle;
    /** Logged-in sessions: a connection that never logged in (a scanner, a wrong key) is no one's activity. */
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final SessionMeter meter;

    /**
     * @param loginName the only user name accepted, the workload owner's account name
     * @param workingDirectory where shells and commands start, and SFTP's and SCP's default directory
     * @param environment the whole environment of every process started; must name the workload in
     *                    {@value WorkloadProcesses#MARKER}
     * @param bindHost the address to listen on, null for all of them
     * @param hostKeyDirectory where this machine's host key is kept, shared by all workloads so that clients see
     *                         one key and their known_hosts stays valid
     * @param confinement where sessions, SFTP and SCP run; null for the host itself
     */
    public record Settings(String workloadId, String loginName, Path workingDirectory, Map<String, String> environment,
                           Access access, String bindHost, Path hostKeyDirectory, Confinement confinement) {

        /** A server whose sessions, SFTP and SCP run on the host as Gantry's account. */
        public Settings(String workloadId, String loginName, Path workingDirectory, Map<String, String> environment,
                        Access access, String bindHost, Path hostKeyDirectory) {
            this(workloadId, loginName, workingDirectory, environment, access, bindHost, hostKeyDirectory, null);
        }

        public Settings {
            Objects.requireNonNull(workloadId);
            Objects.requireNonNull(loginName);
            Objects.requireNonNull(workingDirectory);
            Objects.requireNonNull(access);
            Objects.requireNonNull(hostKeyDirectory);
            environment = Map.copyOf(environment);
            if (!workloadId.equals(environment.get(WorkloadProcesses.MARKER))) {
                throw new IllegalArgumentException(
                        "The environment must hold " + WorkloadProcesses.MARKER + "=" + workloadId);
            }
            bindHost = bindHost == null || bindHost.isBlank() ? "0.0.0.0" : bindHost;
        }
    }

    /**
     * What a workload's sessions are confined to.
     *
     * @param launcher puts shells, commands, SFTP and SCP into the workload's sandbox
     */
    record Confinement(Launcher launcher) {
    }

    private WorkloadSshServer(Settings settings, Consumer<Process> processStarted,
                              Consumer<SshLoginFailed> loginFailed, SshLoginThrottle throttle) {
        this.settings = settings;
        this.processStarted = processStarted;
        this.loginFailed = loginFailed;
        this.throttle = throttle;
        this.meter = new SessionMeter(throttle.clock());
        this.server = SshServer.setUpDefaultServer();
    }

    /** Starts listening on a free port; see {@link #port()}. */
    public static WorkloadSshServer start(Settings settings) throws IOException {
        return start(settings, process -> { });
    }

    /** @param processStarted told of every shell and command a client starts, e.g. to enroll it in a cgroup */
    public static WorkloadSshServer start(Settings settings, Consumer<Process> processStarted) throws IOException {
        return start(settings, processStarted, failed -> { }, Clock.systemUTC());
    }

    /**
     * @param loginFailed told of every refused password login, e.g. to record it; called on an SSH thread
     * @param clock for the password throttle's window
     */
    public static WorkloadSshServer start(Settings settings, Consumer<Process> processStarted,
                                          Consumer<SshLoginFailed> loginFailed, Clock clock) throws IOException {
        return start(settings, processStarted, loginFailed, SshLoginThrottle.standard(clock));
    }

    static WorkloadSshServer start(Settings settings, Consumer<Process> processStarted,
                                   Consumer<SshLoginFailed> loginFailed, SshLoginThrottle throttle) throws IOException {
        WorkloadSshServer ssh = new WorkloadSshServer(settings, processStarted, loginFailed, throttle);
        try {
            ssh.configure();
            ssh.server.start();
        } catch (IOException | RuntimeException failed) {
            ssh.server.stop(true);
            throw failed;
        }
        log.debug("SSH server of workload {} listens on {}:{}", settings.workloadId(), settings.bindHost(),
                ssh.port());
        return ssh;
    }

    private void configure() throws IOException {
        server.setHost(settings.bindHost());
        server.setPort(0);
        server.setIoServiceFactoryFactory(SHARED_IO);
        server.setScheduledExecutorService(TIMER, false);
        server.setSessionFactory(new Whitelist(server));
        server.setKeyPairProvider(hostKeys(settings.hostKeyDirectory()));

        server.setPublickeyAuthenticator((user, key, session) -> isLoginName(user) && isAuthorized(key));
        if (settings.access().sshPassword() != null && !settings.access().sshPassword().isEmpty()) {
            server.setPasswordAuthenticator((user, password, session) -> passwordLogin(user, password,
                    session.getClientAddress()));
            // Keyboard-interactive asks for the same password; some clients try it first.
            server.setKeyboardInteractiveAuthenticator(new DefaultKeyboardInteractiveAuthenticator());
        } else {
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
        }
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);

        // SCP is an ordinary command (scp -t / scp -f) and SFTP a program, both run as the workload's processes:
        // what they reach is what the workload's shell reaches, enforced by the kernel rather than checked here.
        server.setCommandFactory((channel, commandLine) -> new WorkloadCommand(this, commandLine));
        server.setShellFactory(channel -> new WorkloadCommand(this, (String) null));
        server.setSubsystemFactories(WorkloadSftpSubsystemFactory.available()
                ? List.of(new WorkloadSftpSubsystemFactory(this)) : List.of());

        // Shells stay open for as long as their users like, as with sshd; keep-alives stop NATs dropping them.
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
        CoreModuleProperties.SOCKET_KEEPALIVE.set(server, true);
        server.setSessionHeartbeat(HeartbeatType.IGNORE, KEEP_ALIVE_INTERVAL);
        server.addSessionListener(new SessionCounter());
    }

    /** The port this server listens on. */
    public int port() {
        return server.getPort();
    }

    public String workloadId() {
        return settings.workloadId();
    }

    /** Sessions logged in now. */
    public int openSessions() {
        return meter.open();
    }

    /** When a session last logged in, passed data or closed; null if none did. */
    public Instant lastSessionActivity() {
        return meter.last();
    }

    /** Data passed between a client and a shell, command or SFTP. */
    void touched() {
        meter.touched();
    }

    /** Stops listening, drops every session and ends what their shells and commands started. */
    @Override
    public void close() throws IOException {
        List<WorkloadCommand> commands = List.copyOf(running);
        try {
            server.stop(true);
        } finally {
            // In parallel, so that many sessions cost one grace, not one each.
            List<Thread> ending = commands.stream().map(command -> Thread.ofVirtual().start(command::end)).toList();
            for (Thread thread : ending) {
                try {
                    thread.join();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "WorkloadSshServer[" + settings.workloadId() + " on port " + port() + "]";
    }

    Settings settings() {
        return settings;
    }

    /** Where this server's shells and commands run. */
    Launcher launcher() {
        return settings.confinement() == null ? Launcher.HOST : settings.confinement().launcher();
    }

    void started(WorkloadCommand command, Process process) {
        running.add(command);
        processStarted.accept(process);
    }

    void ended(WorkloadCommand command) {
        running.remove(command);
    }

    /** The environment of a process started for a session: the workload's, plus what sshd tells its children. */
    Map<String, String> environmentFor(ServerSession session) {
        Map<String, String> environment = new HashMap<>(settings.environment());
        if (session.getClientAddress() instanceof InetSocketAddress client
                && session.getIoSession().getLocalAddress() instanceof InetSocketAddress local) {
            String from = client.getAddress().getHostAddress() + " " + client.getPort();
            environment.put("SSH_CLIENT", from + " " + local.getPort());
            environment.put("SSH_CONNECTION", from + " " + local.getAddress().getHostAddress() + " " + local.getPort());
        }
        return environment;
    }

    private boolean isLoginName(String user) {
        return settings.loginName().equals(user);
    }

    private boolean isAuthorized(PublicKey offered) {
        return settings.access().authorizedKeys().stream().anyMatch(key -> KeyUtils.compareKeys(key, offered));
    }

    /**
     * A password login, throttled: after too many failures even the right password is refused until the window has
     * passed. Every counted failure is reported, and the first refusal of each lock.
     */
    private boolean passwordLogin(String user, String password, SocketAddress client) {
        InetAddress from = client instanceof InetSocketAddress address ? address.getAddress()
                : InetAddress.getLoopbackAddress();
        Optional<Instant> locked = throttle.lockedUntil(from);
        if (locked.isPresent()) {
            if (throttle.firstRefusal(from, locked.get())) {
                log.info("SSH password logins to workload {} from {} refused until {}: too many failures",
                        settings.workloadId(), from.getHostAddress(), locked.get());
                reportFailure(from, true);
            }
            return false;
        }
        if (isLoginName(user) && isPassword(password)) {
            return true;
        }
        throttle.failed(from);
        reportFailure(from, false);
        return false;
    }

    private void reportFailure(InetAddress from, boolean throttled) {
        try {
            loginFailed.accept(new SshLoginFailed(settings.workloadId(), from, throttle.now(), throttled));
        } catch (RuntimeException e) {
            // Recording is not the login's business: the refusal stands whatever happens to the report.
            log.warn("A failed SSH login to workload {} could not be reported", settings.workloadId(), e);
        }
    }

    /** Compares digests, so that the time taken tells nothing of the password, its length included. */
    private boolean isPassword(String offered) {
        return offered != null && MessageDigest.isEqual(sha256(offered), sha256(settings.access().sshPassword()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }

    /**
     * Makes (or loads) the host key and with it the key algorithms ahead of the first workload, which would otherwise
     * wait seconds for them.
     */
    static void prepare(Path hostKeyDirectory) throws IOException {
        hostKeys(hostKeyDirectory).loadKeys(null);
    }

    private static SimpleGeneratorHostKeyProvider hostKeys(Path directory) throws IOException {
        Path file = directory.toAbsolutePath().normalize().resolve(HOST_KEY_FILE);
        SimpleGeneratorHostKeyProvider provider = HOST_KEYS.computeIfAbsent(file, path -> {
            SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(path);
            keys.setAlgorithm(SecurityUtils.EDDSA);
            keys.setKeySize(ED25519_KEY_SIZE);
            return keys;
        });
        synchronized (provider) {
            if (!Files.exists(file)) {
                PrivateFiles.createDirectories(directory);
                provider.loadKeys(null);
                if (!Files.exists(file)) {
                    throw new IOException("No SSH host key could be made in " + directory);
                }
                restrictToOwner(file);
            }
        }
        return provider;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions: the directory's protection has to do.
        }
    }

    private final class SessionCounter implements SessionListener {
        @Override
        public void sessionEvent(Session session, Event event) {
            if (event == Event.Authenticated && sessions.add(session)) {
                meter.opened();
            }
        }

        @Override
        public void sessionClosed(Session session) {
            if (sessions.remove(session)) {
                meter.closed();
            }
        }
    }

    /**
     * Checks the whitelist as soon as a connection is accepted, before the server says a word: a refused one is
     * closed. (MINA's connectionAccepted event could refuse too, but leaves the refused socket open.)
     */
    private final class Whitelist extends SessionFactory {
        Whitelist(SshServer server) {
            super(server);
        }

        @Override
        protected ServerSessionImpl doCreateSession(IoSession connection) throws Exception {
            SocketAddress remote = connection.getRemoteAddress();
            if (!(remote instanceof InetSocketAddress client)
                    || !settings.access().sourceAllowed().test(client.getAddress(), port())) {
                WorkloadSshServer.log.info("Refused an SSH connection to workload {} from {}", settings.workloadId(),
                        remote);
                throw new SshException("Source not allowed: " + remote);
            }
            return super.doCreateSession(connection);
        }
    }
}
