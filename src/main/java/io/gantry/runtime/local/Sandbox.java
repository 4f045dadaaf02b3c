package io.gantry.runtime.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The isolation of a workload on this machine, with bubblewrap: one sandbox per workload with its own mount, PID,
 * IPC and UTS namespaces. It shows the workload read-only system folders, its own root folder (its home), its
 * owner's workspace, a private {@code /tmp} and {@code /dev/shm}, and a {@code /proc} of its own; nothing else of the
 * host (Gantry's data, other workloads, other users' workspaces). Bubblewrap stays the namespace's init, so killing
 * it ends every process inside, whatever they did to their environment. Later processes of the workload (SSH
 * sessions, terminals, Jupyter) enter the same namespaces with {@code nsenter}.
 *
 * <p>When Gantry runs as root, the workload's processes run as an unprivileged account of their own (one uid per
 * workspace owner, without capabilities and with no-new-privileges), so even what is visible (the system folders)
 * is seen with an ordinary user's rights. When Gantry runs as another user, bubblewrap makes an unprivileged user
 * namespace and the workload runs as Gantry's account, still confined to its view.
 */
final class Sandbox {

    static final String MECHANISM = "bubblewrap";
    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final Path NSENTER = Path.of("/usr/bin/nsenter");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path ENV = Path.of("/usr/bin/env");
    private static final List<String> SYSTEM_FOLDERS = List.of("/usr", "/etc", "/opt");
    private static final List<String> SYSTEM_LINKS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    private static final long PROBE_SECONDS = 20;

    private final boolean available;
    private final boolean privileged;
    private final String problem;

    private Sandbox(boolean available, boolean privileged, String problem) {
        this.available = available;
        this.privileged = privileged;
        this.problem = problem;
    }

    /** A sandbox that isolates nothing: processes run on the host as Gantry's account. */
    static Sandbox none(String why) {
        return new Sandbox(false, false, why);
    }

    /**
     * Finds out whether this host can isolate workloads: bubblewrap, nsenter and setpriv are there and a probe
     * sandbox starts, shows nothing but what it was given and runs as the account it was told.
     */
    static Sandbox detect(Path scratch) {
        return detect(scratch, List.of(scratch));
    }

    /**
     * @param hidden what workloads must not see (Gantry's data folder first): the probe checks that the first of them
     *               is out of its sight
     */
    static Sandbox detect(Path scratch, List<Path> hidden) {
        for (Path tool : List.of(BWRAP, NSENTER, SETPRIV, ENV)) {
            if (!Files.isExecutable(tool)) {
                return none(tool + " is not installed");
            }
        }
        boolean root = currentUid() == 0;
        Sandbox candidate = new Sandbox(true, root, null);
        try {
            Path home = scratch.resolve("probe-home");
            Files.createDirectories(home);
            int uid = root ? UidRange.PROBE : currentUid();
            if (root) {
                Files.setAttribute(home, "unix:uid", uid);
                Files.setAttribute(home, "unix:gid", uid);
            }
            Layout layout = new Layout("probe", home, home, List.of(), List.of(), uid, 0, List.of(), hidden, null);
            List<String> probe = new ArrayList<>(List.of("/bin/sh", "-c",
                    "id -u; for p in \"$@\"; do test -e \"$p\" && echo visible; done; echo ok", "probe",
                    scratch.resolve("workloads").toString()));
            probe.addAll(mustNotSee(hidden, home));
            Process process = new ProcessBuilder(candidate.create(layout, probe))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return none("the probe sandbox did not end in " + PROBE_SECONDS + " s");
            }
            List<String> lines = output.lines().toList();
            if (process.exitValue() != 0 || !lines.contains("ok") || lines.contains("visible")
                    || !lines.contains(Integer.toString(uid))) {
                return none("the probe sandbox failed (exit " + process.exitValue() + "): " + output.strip());
            }
            return candidate;
        } catch (IOException e) {
            return none("the probe sandbox could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none("interrupted while probing");
        } finally {
            try {
                Files.deleteIfExists(scratch.resolve("probe-home"));
            } catch (IOException leftOver) {
                // An empty folder left in the runtime's own home harms nothing.
            }
        }
    }

    /**
     * What a probe sandbox must not see: the hidden files, and what the hidden folders hold, but for the way to the
     * probe's own home that runs through them.
     */
    private static List<String> mustNotSee(List<Path> hidden, Path probeHome) throws IOException {
        List<String> paths = new ArrayList<>();
        for (Path path : hidden) {
            Path absolute = path.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute)) {
                try (var entries = Files.list(absolute)) {
                    entries.filter(entry -> !probeHome.toAbsolutePath().normalize().startsWith(entry)).limit(20)
                            .forEach(entry -> paths.add(entry.toString()));
                }
            } else if (Files.exists(absolute)) {
                paths.add(absolute.toString());
            }
        }
        return paths;
    }

    boolean available() {
        return available;
    }

    /** Whether workloads run as accounts of their own (Gantry runs as root). */
    boolean separateAccounts() {
        return available && privileged;
    }

    /** Why there is no isolation; null where there is. */
    String problem() {
        return problem;
    }

    /**
     * What a sandbox shows and who runs in it. Every folder appears at the same path as on the host, so that paths
     * in the environment (HOME, WORKSPACE) and in the workspace link hold inside.
     *
     * @param home the workload's root folder, also the working directory
     * @param readWrite further folders the workload writes (Jupyter's runtime and data)
     * @param readOnly folders the workload reads but must not change (Jupyter's configuration)
     * @param uid the account inside; with {@link #separateAccounts()} also the host account
     * @param sharedMemoryMib the size of {@code /dev/shm}; 0 leaves the kernel's default
     * @param devices device files passed through, e.g. {@code /dev/nvidia0}; missing ones are skipped
     * @param hidden Gantry's own folders and files (its data, its secret key, the runtime's home): where they lie
     *               under a system folder the sandbox shows, an empty folder (or an empty file) covers them, since
     *               a workload that runs as Gantry's own account would otherwise read them
     * @param passwd a file shown as {@code /etc/passwd}, naming the workload's account; null for the host's
     */
    record Layout(String hostname, Path home, Path workspace, List<Path> readWrite, List<Path> readOnly, int uid,
                  long sharedMemoryMib, List<Path> devices, List<Path> hidden, Path passwd) {
        Layout {
            readWrite = List.copyOf(readWrite);
            readOnly = List.copyOf(readOnly);
            devices = List.copyOf(devices);
            hidden = List.copyOf(hidden);
        }
    }

    /** Whether {@code path} is seen in a sandbox through one of the system folders it shows. */
    static boolean underSystemFolder(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return SYSTEM_FOLDERS.stream().map(Path::of).anyMatch(absolute::startsWith);
    }

    /** The command line that starts {@code command} in a new sandbox; the returned process is its outer end. */
    List<String> create(Layout layout, List<String> command) {
        List<String> line = new ArrayList<>(List.of(BWRAP.toString(),
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                // A session of its own: a process that shares Gantry's controlling terminal could push keystrokes
                // into it (TIOCSTI) and have Gantry's account run them.
                "--new-session",
                "--hostname", layout.hostname()));
        if (!privileged) {
            line.addAll(List.of("--unshare-user", "--uid", Integer.toString(layout.uid()), "--gid",
                    Integer.toString(layout.uid()), "--cap-drop", "ALL"));
        }
        for (String folder : SYSTEM_FOLDERS) {
            line.addAll(List.of("--ro-bind-try", folder, folder));
        }
        for (String link : SYSTEM_LINKS) {
            Path path = Path.of(link);
            if (Files.isSymbolicLink(path)) {
                try {
                    line.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), link));
                } catch (IOException unreadable) {
                    // A link that cannot be read is left out, as a missing one is.
                }
            } else if (Files.isDirectory(path)) {
                line.addAll(List.of("--ro-bind", link, link));
            }
        }
        if (layout.passwd() != null) {
            line.addAll(List.of("--ro-bind", layout.passwd().toString(), "/etc/passwd"));
        }
        for (Path hidden : layout.hidden()) {
            Path absolute = hidden.toAbsolutePath().normalize();
            if (!underSystemFolder(absolute) || !Files.exists(absolute)) {
                continue;
            }
            if (Files.isDirectory(absolute)) {
                line.addAll(List.of("--perms", "0755", "--tmpfs", absolute.toString()));
            } else {
                line.addAll(List.of("--ro-bind", "/dev/null", absolute.toString()));
            }
        }
        line.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--tmpfs", "/tmp"));
        if (layout.sharedMemoryMib() > 0) {
            line.addAll(List.of("--perms", "1777", "--size", Long.toString(layout.sharedMemoryMib() << 20),
                    "--tmpfs", "/dev/shm"));
        } else {
            line.addAll(List.of("--perms", "1777", "--tmpfs", "/dev/shm"));
        }
        for (Path device : layout.devices()) {
            line.addAll(List.of("--dev-bind-try", device.toString(), device.toString()));
        }
        // The folders' parents are made in the sandbox's own root, open to walk through but empty otherwise: the
        // host's folders of the same names (the runtime's home, other workloads) stay out of sight.
        Set<Path> parents = new LinkedHashSet<>();
        List<Path> all = new ArrayList<>();
        all.add(layout.home());
        all.add(layout.workspace());
        all.addAll(layout.readWrite());
        all.addAll(layout.readOnly());
        for (Path folder : all) {
            for (Path parent = folder.getParent(); parent != null && parent.getParent() != null;
                 parent = parent.getParent()) {
                parents.add(parent);
            }
        }
        parents.stream().sorted().forEach(parent -> line.addAll(List.of("--perms", "0755", "--dir",
                parent.toString())));
        line.addAll(List.of("--bind", layout.home().toString(), layout.home().toString()));
        if (!layout.workspace().equals(layout.home())) {
            line.addAll(List.of("--bind", layout.workspace().toString(), layout.workspace().toString()));
        }
        for (Path folder : layout.readWrite()) {
            line.addAll(List.of("--bind", folder.toString(), folder.toString()));
        }
        for (Path folder : layout.readOnly()) {
            line.addAll(List.of("--ro-bind", folder.toString(), folder.toString()));
        }
        line.addAll(List.of("--chdir", layout.home().toString(), "--"));
        line.addAll(dropPrivileges(layout.uid()));
        line.addAll(command);
        return line;
    }

    /**
     * The command line that runs {@code command} inside the running sandbox whose init is {@code init}, in the
     * given folder. SIGHUP starts at its default whatever Gantry's own disposition is (Gantry under {@code nohup}),
     * so that a session's end reaches what it started and only what a user put under {@code nohup} stays.
     */
    List<String> enter(long init, Path workingDirectory, int uid, List<String> command) {
        List<String> line = new ArrayList<>(List.of(ENV.toString(), "--default-signal=HUP", NSENTER.toString(),
                "--target", Long.toString(init)));
        if (!privileged) {
            line.addAll(List.of("--user", "--preserve-credentials"));
        }
        line.addAll(List.of("--mount", "--pid", "--ipc", "--uts", "--root", "--"));
        line.addAll(dropPrivileges(uid));
        // nsenter's own --wd opens the folder before it enters, which leaves the process a working directory outside
        // the sandbox's root; a shell changes into it from inside.
        line.addAll(List.of("/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", workingDirectory.toString()));
        line.addAll(command);
        return line;
    }

    private List<String> dropPrivileges(int uid) {
        if (!privileged) {
            return List.of();
        }
        return List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "--no-new-privs", "--bounding-set=-all", "--inh-caps=-all", "--");
    }

    /**
     * The init of the sandbox that {@code outer} (the process Gantry started) made: its only child. Empty while it
     * is still being made or once it ended.
     */
    static Optional<ProcessHandle> initOf(ProcessHandle outer) {
        return outer.children().findFirst();
    }

    /**
     * The init of a sandbox that is ready to be entered, waiting for it a while after a start. Bubblewrap's init
     * starts the command only once the sandbox's root is in place; entering before that would enter a half-made
     * view of the host, so the command's being there is the sign.
     */
    static Optional<ProcessHandle> readyInitOf(ProcessHandle outer, java.time.Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<ProcessHandle> init = initOf(outer).filter(candidate -> candidate.children().findAny()
                    .isPresent());
            if (init.isPresent() || !outer.isAlive() || System.nanoTime() >= deadline) {
                return init;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The account a workspace's processes run as: one per owner, so that owners cannot read each other's files. */
    static final class UidRange {
        static final int BASE = 3_000_000;
        static final int PROBE = BASE - 1;
        private static final int HASHED = 1_000_000;

        private UidRange() {
        }

        /** Owners named by their numeric id get {@code BASE + id}; other names a stable number above those. */
        static int of(String owner) {
            if (owner.matches("[0-9]{1,6}")) {
                return BASE + Integer.parseInt(owner);
            }
            return BASE + HASHED + Math.floorMod(owner.hashCode(), HASHED);
        }
    }

    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
