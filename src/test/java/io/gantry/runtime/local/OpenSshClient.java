package io.gantry.runtime.local;

import io.gantry.Needs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** Drives the machine's OpenSSH client (ssh, scp, ssh-keygen) against a server on the loopback address. */
public final class OpenSshClient {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path identity;
    private final String user;
    private final int port;
    private final String password;

    private OpenSshClient(Path identity, String user, int port, String password) {
        Needs.tool(Needs.Tool.OPENSSH_CLIENT);
        this.identity = identity;
        this.user = user;
        this.port = port;
        this.password = password;
    }

    public static OpenSshClient withKey(Path identity, String user, int port) {
        return new OpenSshClient(identity, user, port, null);
    }

    public static OpenSshClient withPassword(String password, String user, int port) {
        return new OpenSshClient(null, user, port, password);
    }

    /** A new Ed25519 key pair without passphrase at {@code file} and {@code file.pub}; returns the public key. */
    public static PublicKey generateKey(Path file) throws Exception {
        Needs.tool(Needs.Tool.OPENSSH_CLIENT);
        Result made = run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", file.toString()),
                Map.of(), null);
        if (made.exitCode() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + made.errors());
        }
        String line = Files.readString(Path.of(file + ".pub")).trim();
        return AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
    }

    /** ssh to the server; {@code options} go before the destination, e.g. "-tt". */
    public Result ssh(List<String> options, String remoteCommand) throws IOException, InterruptedException {
        return ssh(options, remoteCommand, null);
    }

    Result ssh(List<String> options, String remoteCommand, String input) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port)));
        command.addAll(commonOptions());
        command.addAll(options);
        command.add(user + "@127.0.0.1");
        if (remoteCommand != null) {
            command.add(remoteCommand);
        }
        return run(command, environment(), input);
    }

    /** An interactive session fed with {@code input}, from a terminal of type {@code term}. */
    Result sshWithTerm(String term, List<String> options, String input) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port)));
        command.addAll(commonOptions());
        command.addAll(options);
        command.add(user + "@127.0.0.1");
        Map<String, String> environment = new HashMap<>(environment());
        environment.put("TERM", term);
        return run(command, environment, input);
    }

    /** Starts ssh without waiting, for sessions a test ends from the server's side. */
    public Process start(List<String> options, String remoteCommand) throws IOException {
        List<String> command = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port)));
        command.addAll(commonOptions());
        command.addAll(options);
        command.add(user + "@127.0.0.1");
        command.add(remoteCommand);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        return builder.start();
    }

    /** scp of a local file to {@code target} on the server; "-O" in options picks the old SCP protocol. */
    Result scp(List<String> options, Path file, String target) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("scp", "-P", Integer.toString(port)));
        command.addAll(commonOptions());
        command.addAll(options);
        command.add(file.toString());
        command.add(user + "@127.0.0.1:" + target);
        return run(command, environment(), null);
    }

    /** scp of {@code remote} on the server to a local file. */
    Result scpFrom(List<String> options, String remote, Path file) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("scp", "-P", Integer.toString(port)));
        command.addAll(commonOptions());
        command.addAll(options);
        command.add(user + "@127.0.0.1:" + remote);
        command.add(file.toString());
        return run(command, environment(), null);
    }

    /** sftp running the given batch of commands; a "-" before a command lets the batch go on when it fails. */
    Result sftp(Path batch) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sftp", "-P", Integer.toString(port)));
        command.addAll(commonOptions());
        command.addAll(List.of("-b", batch.toString(), user + "@127.0.0.1"));
        return run(command, environment(), null);
    }

    /** sftp reading its batch from its standard input, left running for the test to feed and end. */
    Process startSftp() throws IOException {
        List<String> command = new ArrayList<>(List.of("sftp", "-P", Integer.toString(port)));
        command.addAll(commonOptions());
        command.addAll(List.of("-b", "-", user + "@127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        return builder.start();
    }

    private List<String> commonOptions() {
        List<String> options = new ArrayList<>(List.of("-F", "/dev/null",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=30"));
        if (identity != null) {
            options.addAll(List.of("-i", identity.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                    "-o", "PreferredAuthentications=publickey"));
        } else {
            options.addAll(List.of("-o", "PreferredAuthentications=password,keyboard-interactive",
                    "-o", "NumberOfPasswordPrompts=1", "-o", "PubkeyAuthentication=no"));
        }
        return options;
    }

    /** For password logins: ssh asks a script for the password, as it would ask a desktop's dialog. */
    private Map<String, String> environment() throws IOException {
        if (password == null) {
            return Map.of();
        }
        Path script = Files.createTempFile("askpass", ".sh", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        script.toFile().deleteOnExit();
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' '" + password.replace("'", "'\\''") + "'\n");
        return Map.of("SSH_ASKPASS", script.toString(), "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0");
    }

    static Result run(List<String> command, Map<String, String> environment, String input)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        Collected output = Collected.from(process.getInputStream());
        Collected errors = Collected.from(process.getErrorStream());
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException exitedEarly) {
            // The command did not read its input.
        }
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + PATIENCE);
        }
        return new Result(process.exitValue(), output.text(), errors.text());
    }

    /** What a stream delivered up to its end, read on a thread of its own so that neither pipe fills up. */
    private record Collected(ByteArrayOutputStream bytes, Thread reader) {
        static Collected from(InputStream stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    stream.transferTo(bytes);
                } catch (IOException closed) {
                    // The process ended.
                }
            });
            return new Collected(bytes, reader);
        }

        String text() throws InterruptedException {
            reader.join(PATIENCE.toMillis());
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    public record Result(int exitCode, String output, String errors) {
        @Override
        public String toString() {
            return "exit " + exitCode + ", output: " + output + ", errors: " + errors;
        }
    }
}
