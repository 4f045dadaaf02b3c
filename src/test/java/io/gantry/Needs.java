package io.gantry;

import io.gantry.runtime.local.JupyterServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What a test needs of the machine: the programs CI installs, and a few facts about the machine. Where it is
 * missing, the test is skipped on a developer's machine, and fails in CI ({@code CI=true}, as CI services set it),
 * where everything is installed and a skipped test would pass unnoticed. Every test that cannot run everywhere asks
 * here, and only here.
 */
public final class Needs {

    /** The programs the tests drive, and the Debian packages that bring them (see {@code .ci/run}). */
    public enum Tool {
        JUPYTER("Jupyter Notebook 6", "jupyter-notebook") {
            @Override
            boolean present() {
                return JupyterServer.available();
            }
        },
        OPENSSH_CLIENT("the OpenSSH client (ssh, scp, sftp, ssh-keygen)", "openssh-client") {
            @Override
            boolean present() {
                return onPath("ssh") && onPath("scp") && onPath("sftp") && onPath("ssh-keygen");
            }
        },
        CHROMIUM("Chromium and its driver", "chromium chromium-driver") {
            @Override
            boolean present() {
                return Files.isExecutable(Path.of(System.getProperty("gantry.chromium", "/usr/bin/chromium")))
                        && Files.isExecutable(Path.of(System.getProperty("gantry.chromedriver",
                        "/usr/bin/chromedriver")));
            }
        },
        BUBBLEWRAP("bubblewrap", "bubblewrap") {
            @Override
            boolean present() {
                return Files.isExecutable(Path.of("/usr/bin/bwrap"));
            }
        };

        private final String what;
        private final String packages;

        Tool(String what, String packages) {
            this.what = what;
            this.packages = packages;
        }

        abstract boolean present();

        String missing() {
            return what + " is not installed (Debian: apt-get install " + packages + ")";
        }
    }

    private Needs() {
    }

    /** Goes on only where the tool is installed. */
    public static void tool(Tool tool) {
        check(inCi(), tool.present(), tool.missing());
    }

    /**
     * Whether the tool is installed, for a test that checks what Gantry does either way; in CI it must be, so that
     * the test checks the case with the tool there.
     */
    public static boolean optional(Tool tool) {
        boolean present = tool.present();
        if (!present && inCi()) {
            throw new AssertionFailedError(tool.missing() + "; CI must have it");
        }
        return present;
    }

    /** Goes on only where a fact about the machine holds, e.g. that a system folder is writable. */
    public static void that(boolean holds, String what) {
        check(inCi(), holds, what);
    }

    /** Whether this run is CI's, where every test must run. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Nothing if it {@code holds}; otherwise a failure in CI and a skip elsewhere, both saying what is missing. */
    static void check(boolean ci, boolean holds, String what) {
        if (holds) {
            return;
        }
        if (ci) {
            throw new AssertionFailedError("Needed, and CI must provide it: " + what);
        }
        throw new TestAbortedException("Skipped outside CI: " + what);
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator)).filter(folder -> !folder.isBlank())
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
    }
}
