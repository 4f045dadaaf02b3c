package io.gantry.runtime;

import java.util.List;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;

/**
 * A place inside an owner's workspace, as a user names it (an uploaded file's name, say): relative, with {@code /}
 * between folders, never leaving the workspace. Checked before anything is written, by every runtime the same way.
 *
 * @param segments the folders, then the file's name; none of them empty, {@code .} or {@code ..}
 */
@NamedInterface("api")
public record WorkspacePath(List<String> segments) {

    public static final int SEGMENT_MAX = 255;
    public static final int PATH_MAX = 1024;

    public WorkspacePath {
        segments = List.copyOf(segments);
    }

    /** The path, or why it is refused as a message key; nothing about the file system is looked at. */
    public static Result parse(String text) {
        if (text == null || text.isBlank()) {
            return new Result(Optional.empty(), "workspace.path.empty");
        }
        if (text.length() > PATH_MAX) {
            return new Result(Optional.empty(), "workspace.path.too-long");
        }
        // Absolute in any of the ways a browser or an operating system may send it: /x, \x, C:\x, C:/x.
        if (text.startsWith("/") || text.startsWith("\\") || text.matches("^[A-Za-z]:.*")) {
            return new Result(Optional.empty(), "workspace.path.absolute");
        }
        if (text.indexOf('\\') >= 0 || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return new Result(Optional.empty(), "workspace.path.characters");
        }
        List<String> parts = List.of(text.split("/", -1));
        for (String part : parts) {
            if (part.equals("..") || part.equals(".")) {
                return new Result(Optional.empty(), "workspace.path.climbs");
            }
            if (part.isEmpty() || part.length() > SEGMENT_MAX) {
                return new Result(Optional.empty(), "workspace.path.characters");
            }
        }
        return new Result(Optional.of(new WorkspacePath(parts)), null);
    }

    /** The path as written, with {@code /} between its parts. */
    @Override
    public String toString() {
        return String.join("/", segments);
    }

    /** @param problem a message key, when the path is refused */
    public record Result(Optional<WorkspacePath> path, String problem) {
    }
}
