package io.gantry.runtime.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.file.root.RootedFileSystem;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;
import org.apache.sshd.common.file.root.RootedPath;
import org.apache.sshd.common.session.SessionContext;

/**
 * The file system SFTP and SCP see: the workload's home as {@code /}, with its owner's workspace through the home's
 * {@code Workspace} link, and nothing else. MINA's rooted file system keeps {@code ..} inside the root; this one
 * also follows symbolic links before it allows a path, so that a link a container made ({@code ln -s / escape}) does
 * not lead the server, which runs as Gantry's account, out of the view. A link's own attributes, its target and
 * its removal stay available, as {@code ls -l} on a folder with outward links needs them. What the server creates
 * is given to the workload's account, so that the workload can change what was uploaded.
 */
final class ConfinedFileSystemFactory implements FileSystemFactory {

    private final Path home;
    private final Path workspace;
    private final int owner;

    /** @param owner the account that owns what is uploaded; negative leaves Gantry's */
    ConfinedFileSystemFactory(Path home, Path workspace, int owner) {
        this.home = home.toAbsolutePath().normalize();
        this.workspace = workspace.toAbsolutePath().normalize();
        this.owner = owner;
    }

    @Override
    public Path getUserHomeDir(SessionContext session) {
        return null;
    }

    @Override
    public FileSystem createFileSystem(SessionContext session) throws IOException {
        return new RootedFileSystem(new Provider(home.toRealPath(), workspace.toRealPath(), owner), home.toRealPath(),
                Map.of());
    }

    private static final class Provider extends RootedFileSystemProvider {

        /** Set while an operation that does not follow the path's last link runs. */
        private static final ThreadLocal<Boolean> NOT_FOLLOWING = ThreadLocal.withInitial(() -> false);

        private final Path home;
        private final Path workspace;
        private final int owner;

        Provider(Path home, Path workspace, int owner) {
            this.home = home;
            this.workspace = workspace;
            this.owner = owner;
        }

        @Override
        protected Path resolveLocalPath(RootedPath path) {
            Path local = super.resolveLocalPath(path);
            boolean following = !NOT_FOLLOWING.get();
            confine(following || local.getParent() == null ? local : local.getParent(), path);
            return local;
        }

        /** The real place of {@code local}, or of its nearest existing folder, must be in the home or workspace. */
        private void confine(Path local, RootedPath asked) {
            Path existing = local;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            try {
                Path real = existing == null ? null : existing.toRealPath();
                if (real != null && (real.startsWith(home) || real.startsWith(workspace))) {
                    return;
                }
            } catch (IOException danglingOrGone) {
                // A link to nowhere could be created through: refused like one that leads out.
            }
            throw new InvalidPathException(asked.toString(), "Outside the workload's files");
        }

        @Override
        protected Path root(RootedFileSystem fs, Path nat) {
            Path local = nat.toAbsolutePath().normalize();
            if (local.startsWith(workspace) && !local.startsWith(home)) {
                local = home.resolve(LocalRuntime.WORKSPACE_LINK).resolve(workspace.relativize(local).toString());
            }
            return super.root(fs, local);
        }

        private static boolean noFollow(LinkOption... options) {
            return Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
        }

        private interface Action<T> {
            T run() throws IOException;
        }

        private static <T> T notFollowing(Action<T> action) throws IOException {
            NOT_FOLLOWING.set(true);
            try {
                return action.run();
            } finally {
                NOT_FOLLOWING.set(false);
            }
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
                throws IOException {
            return noFollow(options) ? notFollowing(() -> super.readAttributes(path, type, options))
                    : super.readAttributes(path, type, options);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
                throws IOException {
            return noFollow(options) ? notFollowing(() -> super.readAttributes(path, attributes, options))
                    : super.readAttributes(path, attributes, options);
        }

        @Override
        public Path readSymbolicLink(Path link) throws IOException {
            return notFollowing(() -> super.readSymbolicLink(link));
        }

        @Override
        public void delete(Path path) throws IOException {
            notFollowing(() -> {
                super.delete(path);
                return null;
            });
        }

        @Override
        public boolean deleteIfExists(Path path) throws IOException {
            return notFollowing(() -> super.deleteIfExists(path));
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            super.checkAccess(path, modes);
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            FileChannel channel = super.newFileChannel(path, options, attrs);
            giveToOwner(path);
            return channel;
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                                  FileAttribute<?>... attrs) throws IOException {
            SeekableByteChannel channel = super.newByteChannel(path, options, attrs);
            giveToOwner(path);
            return channel;
        }

        @Override
        public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
            OutputStream stream = super.newOutputStream(path, options);
            giveToOwner(path);
            return stream;
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            super.createDirectory(dir, attrs);
            giveToOwner(dir);
        }

        @Override
        public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
            notFollowing(() -> {
                super.createSymbolicLink(link, target, attrs);
                return null;
            });
            giveToOwner(link);
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            super.copy(source, target, options);
            giveToOwner(target);
        }

        /** Files Gantry's account made for the workload belong to the workload's account. */
        private void giveToOwner(Path path) throws IOException {
            if (owner < 0) {
                return;
            }
            Path local = notFollowing(() -> resolveLocalPath((RootedPath) path));
            if (Integer.valueOf(0).equals(Files.getAttribute(local, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                Files.setAttribute(local, "unix:uid", owner, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(local, "unix:gid", owner, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
