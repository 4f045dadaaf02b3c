package io.gantry.runtime.local;

import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkspacePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The local runtime's files: its home with the workloads' folders, the owners' workspaces, saved images and the SSH
 * host key, all readable by Gantry's account only; what a workload's folder holds (its home, Jupyter's folders, its
 * output, the pid of its main process, the account it runs as) and how a saved image copies a home.
 */
final class RuntimeFolders {

    static final String WORKSPACE_LINK = "Workspace";
    /** Jupyter's folders of older releases in the home; a saved image leaves them out (secrets, planted config). */
    private static final List<Path> JUPYTER_IN_HOME = List.of(Path.of(".local", "share", "jupyter"),
            Path.of(".local", "etc", "jupyter"), Path.of(".jupyter"));
    /** The system's front-end settings of Jupyter (e.g. Debian enabling the widgets extension). */
    private static final List<Path> SYSTEM_NBCONFIG = List.of(Path.of("/usr/share/jupyter/nbconfig"),
            Path.of("/usr/local/etc/jupyter/nbconfig"), Path.of("/etc/jupyter/nbconfig"));
    /** Written into a sandboxed workload's folder: the account it runs as, for adoption after a restart. */
    private static final String SANDBOX_FILE = "sandbox.uid";
    private static final String MAIN_PID_FILE = "main.pid";

    private final Path home;
    private final List<Path> hidden;

    /**
     * Makes the runtime's folders under {@code home}.
     *
     * @param hiddenPaths Gantry's own folders and files that no sandbox may show, besides the runtime's home
     */
    RuntimeFolders(Path home, List<String> hiddenPaths) {
        this.home = home;
        List<Path> paths = new ArrayList<>();
        hiddenPaths.stream().filter(path -> !path.isBlank())
                .map(path -> Path.of(path.strip()).toAbsolutePath().normalize()).forEach(paths::add);
        paths.add(home);
        this.hidden = List.copyOf(paths);
        try {
            for (String folder : List.of("workloads", "workspaces", "images", "ssh")) {
                PrivateFiles.createDirectories(home.resolve(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local runtime's folders in " + home, e);
        }
    }

    Path home() {
        return home;
    }

    /** Where the SSH servers' host key lives. */
    Path sshKeys() {
        return home.resolve("ssh");
    }

    /** Gantry's own folders and files, out of every sandbox's sight: the configured ones, then the runtime's home. */
    List<Path> hidden() {
        return hidden;
    }

    /** The folder kept across an owner's workloads; {@code owner} is the spec's workspace owner (an account id). */
    Path workspace(String owner) {
        return home.resolve("workspaces").resolve(safe(owner));
    }

    /**
     * Makes the owner's workspace, private, if it is missing; with a sandbox of separate accounts it belongs to the
     * owner's account. Its files stay as they are.
     *
     * @param uid the owner's account in the sandbox; negative where workloads run as Gantry's own account
     */
    Path prepareWorkspace(String owner, int uid) throws IOException {
        Path workspace = workspace(owner);
        PrivateFiles.createDirectories(workspace);
        if (uid >= 0) {
            giveTo(uid, workspace, false);
        }
        return workspace;
    }

    /**
     * Writes a file into the owner's workspace: its folders made one by one, each checked to be a real folder and not
     * a link (whatever a workload left there), the content written to a fresh file beside the target and moved over
     * it, so a link in the target's place is replaced rather than followed. More than {@code maxBytes} keeps nothing.
     *
     * @param uid the owner's account in the sandbox, which then owns what is made; negative for Gantry's own
     */
    long writeToWorkspace(String owner, int uid, WorkspacePath path, InputStream content, long maxBytes)
            throws IOException {
        Path workspace = prepareWorkspace(owner, uid).toRealPath();
        Path folder = workspace;
        List<String> segments = path.segments();
        for (String segment : segments.subList(0, segments.size() - 1)) {
            folder = folder.resolve(segment);
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(folder);
                if (uid >= 0) {
                    giveTo(uid, folder, false);
                }
            } else if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("Not a folder in the workspace: " + workspace.relativize(folder));
            }
        }
        if (!folder.toRealPath().startsWith(workspace)) {
            throw new IOException("Outside the workspace: " + path);
        }
        Path target = folder.resolve(segments.getLast());
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("A folder of that name is in the workspace: " + path);
        }
        Path partial = Files.createTempFile(folder, ".upload-", ".part");
        boolean done = false;
        try {
            long written = 0;
            try (var out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) >= 0; ) {
                    written += n;
                    if (written > maxBytes) {
                        throw new WorkloadRuntime.TooLarge(maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (uid >= 0) {
                giveTo(uid, partial, false);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return written;
        } finally {
            if (!done) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** A workload's folder: its home ({@code root}), Jupyter's folders, its output and what adoption reads. */
    Path directory(String workloadId) {
        return home.resolve("workloads").resolve(safe(workloadId));
    }

    Path log(String workloadId) {
        return directory(workloadId).resolve("output.log");
    }

    /**
     * Makes the workload's folders: its home, its owner's workspace and Jupyter's, all private; with a sandbox of
     * separate accounts the home, the workspace and Jupyter's writable folders belong to the workload's account.
     *
     * @param uid the account the workload runs as; negative without a sandbox
     */
    Path prepare(WorkloadSpec spec, Path directory, int uid, boolean separateAccounts) throws IOException {
        Path root = directory.resolve("root");
        boolean fresh = !Files.isDirectory(root);
        PrivateFiles.createDirectories(root);
        Path workspace = prepareWorkspace(spec.workspaceOwner(), uid >= 0 && separateAccounts ? uid : -1);
        Path link = root.resolve(WORKSPACE_LINK);
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, workspace);
        }
        if (fresh && spec.image().savedFiles() != null) {
            copyTree(Path.of(spec.image().savedFiles()), root);
        }
        JupyterFolders jupyter = JupyterFolders.of(directory);
        if (spec.access().jupyter()) {
            PrivateFiles.createDirectories(jupyter.data());
            PrivateFiles.createDirectories(jupyter.runtime());
            // Read by the workload's account, written by Gantry alone; it stays empty: Jupyter's settings are on
            // its command line, and nothing a container writes may configure the pages Jupyter serves.
            Files.createDirectories(jupyter.config());
            Files.setPosixFilePermissions(jupyter.config(), PosixFilePermissions.fromString("rwxr-xr-x"));
            copySystemNbconfig(jupyter.config());
        }
        if (uid >= 0 && separateAccounts) {
            giveTo(uid, root, fresh);
            if (spec.access().jupyter()) {
                giveTo(uid, jupyter.data(), false);
                giveTo(uid, jupyter.runtime(), false);
            }
        }
        return root;
    }

    /**
     * Jupyter reads its configuration from this folder alone (JUPYTER_NO_CONFIG), so the system's front-end settings
     * that it would otherwise read from the system folders are copied in, later folders winning as with Jupyter.
     */
    private static void copySystemNbconfig(Path config) throws IOException {
        for (Path system : SYSTEM_NBCONFIG) {
            if (!Files.isDirectory(system)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(system)) {
                for (Path source : walk.filter(Files::isRegularFile).toList()) {
                    Path target = config.resolve("nbconfig").resolve(system.relativize(source).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Jupyter's folders of a workload, beside its home so that saved images never carry them. */
    record JupyterFolders(Path config, Path data, Path runtime) {
        static JupyterFolders of(Path directory) {
            Path jupyter = directory.resolve("jupyter");
            return new JupyterFolders(jupyter.resolve("config"), jupyter.resolve("data"), jupyter.resolve("runtime"));
        }
    }

    /** Gives a folder (and, when asked, everything in it) to the workload's account. */
    private static void giveTo(int uid, Path folder, boolean everything) throws IOException {
        List<Path> paths;
        if (everything) {
            try (Stream<Path> walk = Files.walk(folder)) {
                paths = walk.toList();
            }
        } else {
            paths = List.of(folder);
        }
        for (Path path : paths) {
            if (!Integer.valueOf(uid).equals(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * The account database a sandbox of separate accounts shows: the host's, with the workload's account added, so
     * that programs that look their account up (sftp-server, ssh, whoami) find it.
     */
    static Path passwdFile(WorkloadSpec spec, Path directory, Path root, int uid) throws IOException {
        String id = Integer.toString(uid);
        List<String> lines = new ArrayList<>();
        try {
            Files.readAllLines(Path.of("/etc/passwd")).stream()
                    .filter(line -> { String[] f = line.split(":", -1); return f.length < 3 || !f[2].equals(id); })
                    .forEach(lines::add);
        } catch (IOException unreadable) {
            // Only the workload's account then.
        }
        String name = spec.owner().replaceAll("[^A-Za-z0-9._-]", "_");
        lines.add(name + ":x:" + id + ":" + id + ":" + name + ":" + root + ":/bin/sh");
        Path file = directory.resolve("passwd");
        Files.write(file, lines);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** Notes the workload's main process, so that the next start of the app finds it. */
    static void writeMainPid(Path directory, long pid) throws IOException {
        PrivateFiles.writeString(directory.resolve(MAIN_PID_FILE), Long.toString(pid));
    }

    /** The main process a workload's folder names, if it still runs. */
    Optional<ProcessHandle> mainOf(String workloadId) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(directory(workloadId).resolve(MAIN_PID_FILE))
                    .trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Notes the account a workload runs as in its sandbox; a negative one (none) clears what an earlier start left. */
    static void writeSandboxUid(Path directory, int uid) throws IOException {
        if (uid >= 0) {
            PrivateFiles.writeString(directory.resolve(SANDBOX_FILE), Integer.toString(uid));
        } else {
            Files.deleteIfExists(directory.resolve(SANDBOX_FILE));
        }
    }

    /** The account an adopted workload runs as in its sandbox; -1 for one started without. */
    static int sandboxUid(Path directory) {
        try {
            return Integer.parseInt(Files.readString(directory.resolve(SANDBOX_FILE)).strip());
        } catch (IOException | NumberFormatException none) {
            return -1;
        }
    }

    /** Copies a workload's home into a new folder of saved images and returns it. */
    Path saveImage(Path root, String imageName, String tag) throws IOException {
        // A folder of its own: two names that read alike on disk never share (or overwrite) one.
        Path target = home.resolve("images").resolve(safe(imageName) + "_" + safe(tag) + "_" + UUID.randomUUID());
        PrivateFiles.createDirectories(target);
        copyTree(root, target);
        return target;
    }

    /** Deletes a folder of saved images; any other path, one outside the images folder included, is left alone. */
    void deleteSavedImage(Path saved) throws IOException {
        Path images = home.resolve("images").toAbsolutePath().normalize();
        Path target = saved.toAbsolutePath().normalize();
        if (target.getParent() != null && target.getParent().equals(images) && Files.isDirectory(target)) {
            deleteTree(target);
        }
    }

    /** Deletes what is left of a workload; its owner's workspace stays. */
    void remove(String workloadId) throws IOException {
        deleteTree(directory(workloadId));
    }

    /**
     * Copies a folder's files, leaving out the workspace link (a saved image never carries the user's data) and
     * Jupyter's folders that older releases kept in the home (the running server's token and kernel keys, and a
     * configuration a container could have planted).
     */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                if (relative.toString().equals(WORKSPACE_LINK)
                        || JUPYTER_IN_HOME.stream().anyMatch(relative::startsWith)) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The bytes of the regular files under a folder; what cannot be read counts nothing. */
    static long size(Path dir) {
        AtomicLong total = new AtomicLong();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total.addAndGet(attrs.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return total.get();
        }
        return total.get();
    }

    /** A name safe as one path segment. */
    static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }
}
