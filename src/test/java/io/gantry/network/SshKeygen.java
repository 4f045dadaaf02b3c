package io.gantry.network;

import io.gantry.Needs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** OpenSSH's own ssh-keygen, to check keys against the reference (where it is missing: {@link Needs}). */
public final class SshKeygen {

    private SshKeygen() {
    }

    /** What {@code ssh-keygen -lf} prints for a public key line: "bits SHA256:... comment (TYPE)". */
    public static String fingerprintLine(String publicKeyLine) throws IOException {
        Needs.tool(Needs.Tool.OPENSSH_CLIENT);
        Path file = Files.createTempFile("key", ".pub");
        try {
            Files.writeString(file, publicKeyLine + "\n");
            return run(List.of("ssh-keygen", "-lf", file.toString())).successfulOutput();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The public key line {@code ssh-keygen -y} derives from a private key file (mode 600, as ssh demands). */
    public static String publicKeyOf(String privateKey) throws IOException {
        return withPrivateKey(privateKey, "-y");
    }

    /** What {@code ssh-keygen -lf} prints for a private key file: "bits SHA256:... comment (TYPE)". */
    public static String fingerprintLineOfPrivateKey(String privateKey) throws IOException {
        return withPrivateKey(privateKey, "-l");
    }

    private static String withPrivateKey(String privateKey, String option) throws IOException {
        Needs.tool(Needs.Tool.OPENSSH_CLIENT);
        Path file = Files.createTempFile("key", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(file, privateKey);
            return run(List.of("ssh-keygen", option, "-f", file.toString())).successfulOutput();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private record Result(int exitCode, String output) {
        String successfulOutput() {
            if (exitCode != 0) {
                throw new AssertionError("ssh-keygen failed (" + exitCode + "): " + output);
            }
            return output.strip();
        }
    }

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ssh-keygen did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }
}
