package io.gantry.runtime.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Folders (0700) and files (0600) that only Gantry's account may read: the runtime's data is nobody else's. */
final class PrivateFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the folder and its missing parents, each readable by its owner only; existing ones stay as they are. */
    static Path createDirectories(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return folder;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, attribute(FOLDER));
        } catch (FileAlreadyExistsException raced) {
            // Made meanwhile by another start: fine as long as it is a folder.
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(absolute);
        }
        return folder;
    }

    /** Creates an empty file readable by its owner only, unless it exists. */
    static Path createFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, attribute(FILE));
            } catch (FileAlreadyExistsException raced) {
                // Another writer made it first.
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
        }
        return file;
    }

    /** Writes a file readable by its owner only. */
    static void writeString(Path file, String content) throws IOException {
        createFile(file);
        Files.writeString(file, content);
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
