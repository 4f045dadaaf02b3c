package io.gantry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.AdjustableClock;
import io.gantry.runtime.Access;
import io.gantry.runtime.SshLoginFailed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real OpenSSH client against a workload's server. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WorkloadSshServerTest {

    private static final String WORKLOAD = "container-42";
    private static final String OWNER = "ada";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path temp;

    private Path workingDirectory;
    private Path identity;
    private PublicKey key;
    private final List<WorkloadSshServer> servers = new ArrayList<>();
    private final List<Process> clients = new ArrayList<>();
    private final List<Process> started = new CopyOnWriteArrayList<>();

    @BeforeEach
    void makeWorkspaceAndKey() throws Exception {
        workingDirectory = Files.createDirectory(temp.resolve("work"));
        identity = temp.resolve("id");
        key = OpenSshClient.generateKey(identity);
    }

    @AfterEach
    void closeEverything() throws IOException {
        clients.forEach(Process::destroyForcibly);
        for (WorkloadSshServer server : servers) {
            server.close();
        }
    }

    private WorkloadSshServer start(Access access) throws IOException {
        Map<String, String> environment = Map.of("GANTRY_WORKLOAD", WORKLOAD, "PATH", "/usr/bin:/bin",
                "HOME", workingDirectory.toString());
        WorkloadSshServer server = WorkloadSshServer.start(new WorkloadSshServer.Settings(WORKLOAD, OWNER,
                workingDirectory, environment, access, "127.0.0.1", temp.resolve("host-keys")), started::add);
        servers.add(server);
        return server;
    }

    private static Access access(String password, List<PublicKey> keys, Access.SourceFilter sources) {
        return new Access(true, password, keys, false, null, sources);
    }

    private Access keyOnly() {
        return access(null, List.of(key), Access.SourceFilter.ANYONE);
    }

    private OpenSshClient keyClient(WorkloadSshServer server) {
        return OpenSshClient.withKey(identity, OWNER, server.port());
    }

    @Nested
    class LogsInWithAKey {

        @Test
        void givesARealTerminalWhenTheClientAsksForOne() throws Exception {
            var result = keyClient(start(keyOnly())).ssh(List.of("-tt"), "tty");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.output()).contains("/dev/pts/");
        }

        @Test
        void runsCommandsWithTheWorkloadEnvironmentInTheWorkingDirectory() throws Exception {
            var result = keyClient(start(keyOnly())).ssh(List.of(), "echo $GANTRY_WORKLOAD; pwd; tty");

            assertThat(result.output().lines().toList())
                    .containsExactly(WORKLOAD, workingDirectory.toString(), "not a tty");
            assertThat(started).isNotEmpty();
        }

        @Test
        void returnsTheExitStatusAndKeepsStandardErrorApart() throws Exception {
            var result = keyClient(start(keyOnly())).ssh(List.of(), "echo out; echo err >&2; exit 7");

            assertThat(result.exitCode()).isEqualTo(7);
            assertThat(result.output()).isEqualTo("out\n");
            assertThat(result.errors()).contains("err");
        }

        @Test
        void passesTheClientsInputToTheCommand() throws Exception {
            var result = keyClient(start(keyOnly())).ssh(List.of(), "tr a-z A-Z", "hello\n");

            assertThat(result.output()).isEqualTo("HELLO\n");
        }

        @Test
        void opensAnInteractiveLoginShellWithTheClientsTerminalType() throws Exception {
            var server = start(keyOnly());
            var client = keyClient(server);

            var result = client.sshWithTerm("vt220", List.of("-tt"), "echo term=$TERM; exit\n");

            assertThat(result.output()).contains("term=vt220");
        }

        @Test
        void refusesAnotherUserName() throws Exception {
            var server = start(keyOnly());

            var result = OpenSshClient.withKey(identity, "root", server.port()).ssh(List.of(), "true");

            assertThat(result.exitCode()).isEqualTo(255);
            assertThat(result.errors()).contains("Permission denied");
        }

        @Test
        void refusesAKeyThatIsNotAuthorized() throws Exception {
            var server = start(keyOnly());
            Path stranger = temp.resolve("stranger");
            OpenSshClient.generateKey(stranger);

            var result = OpenSshClient.withKey(stranger, OWNER, server.port()).ssh(List.of(), "true");

            assertThat(result.exitCode()).isEqualTo(255);
            assertThat(result.errors()).contains("Permission denied");
        }

        @Test
        void showsTheSameHostKeyFromEveryWorkloadOfTheMachine() throws Exception {
            var first = start(keyOnly());
            var second = start(keyOnly());

            assertThat(hostKey(second)).isEqualTo(hostKey(first)).startsWith("ssh-ed25519 ");
        }

        private String hostKey(WorkloadSshServer server) throws Exception {
            var scan = OpenSshClient.run(List.of("ssh-keyscan", "-t", "ed25519", "-p",
                    Integer.toString(server.port()), "127.0.0.1"), Map.of(), null);
            return scan.output().lines().filter(line -> !line.startsWith("#")).findFirst().orElseThrow()
                    .replaceFirst("^\\S+\\s+", "");
        }
    }

    @Nested
    class LogsInWithAPassword {

        @Test
        void acceptsTheRightPassword() throws Exception {
            var server = start(access(PASSWORD, List.of(), Access.SourceFilter.ANYONE));

            var result = OpenSshClient.withPassword(PASSWORD, OWNER, server.port()).ssh(List.of(), "echo in");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.output()).isEqualTo("in\n");
        }

        @Test
        void refusesAWrongPassword() throws Exception {
            var server = start(access(PASSWORD, List.of(), Access.SourceFilter.ANYONE));

            var result = OpenSshClient.withPassword("wrong", OWNER, server.port()).ssh(List.of(), "echo in");

            assertThat(result.exitCode()).isEqualTo(255);
            assertThat(result.output()).isEmpty();
            assertThat(result.errors()).contains("Permission denied");
        }

        @Test
        void refusesEvenTheRightPasswordAfterTooManyFailuresUntilTheWindowHasPassedAndReportsEach()
                throws Exception {
            AdjustableClock clock = new AdjustableClock(java.time.Instant.parse("2026-12-01T10:00:00Z"));
            List<SshLoginFailed> reported = new CopyOnWriteArrayList<>();
            Map<String, String> environment = Map.of("GANTRY_WORKLOAD", WORKLOAD, "PATH", "/usr/bin:/bin",
                    "HOME", workingDirectory.toString());
            WorkloadSshServer server = WorkloadSshServer.start(new WorkloadSshServer.Settings(WORKLOAD, OWNER,
                    workingDirectory, environment, access(PASSWORD, List.of(), Access.SourceFilter.ANYONE),
                    "127.0.0.1", temp.resolve("host-keys")), started::add, reported::add,
                    new SshLoginThrottle(3, 20, java.time.Duration.ofMinutes(15), clock));
            servers.add(server);

            for (int guess = 0; guess < 3; guess++) {
                var wrong = OpenSshClient.withPassword("guess-" + guess, OWNER, server.port()).ssh(List.of(), "true");
                assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(255);
            }
            var right = OpenSshClient.withPassword(PASSWORD, OWNER, server.port()).ssh(List.of(), "echo in");

            assertThat(right.exitCode()).as("the right password while locked: " + right).isEqualTo(255);
            assertThat(right.output()).isEmpty();
            assertThat(reported).allSatisfy(failed -> {
                assertThat(failed.workloadId()).isEqualTo(WORKLOAD);
                assertThat(failed.from()).isEqualTo(InetAddress.getLoopbackAddress());
            });
            assertThat(reported).filteredOn(failed -> !failed.throttled()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(reported.getLast().throttled()).isTrue();

            clock.advance(java.time.Duration.ofMinutes(15).plusSeconds(1));
            var later = OpenSshClient.withPassword(PASSWORD, OWNER, server.port()).ssh(List.of(), "echo in");

            assertThat(later.exitCode()).as(later.toString()).isZero();
            assertThat(later.output()).isEqualTo("in\n");
        }

        @Test
        void refusesPasswordsWhereOnlyKeysAreAccepted() throws Exception {
            var server = start(keyOnly());

            var result = OpenSshClient.withPassword("", OWNER, server.port()).ssh(List.of(), "echo in");

            assertThat(result.exitCode()).isEqualTo(255);
            assertThat(result.output()).isEmpty();
        }
    }

    @Nested
    class FollowsTheClientsWindow {

        @Test
        void resizesTheTerminalWhenTheClientsWindowChanges() throws Exception {
            var server = start(access(PASSWORD, List.of(), Access.SourceFilter.ANYONE));
            try (SshClient client = SshClient.setUpDefaultClient()) {
                client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
                client.start();
                try (ClientSession session = client.connect(OWNER, "127.0.0.1", server.port())
                        .verify(OpenSshClient.PATIENCE).getSession()) {
                    session.addPasswordIdentity(PASSWORD);
                    session.auth().verify(OpenSshClient.PATIENCE);
                    try (ChannelShell shell = session.createShellChannel()) {
                        shell.setPtyType("xterm");
                        shell.setPtyColumns(100);
                        shell.setPtyLines(30);
                        shell.open().verify(OpenSshClient.PATIENCE);
                        var screen = new TerminalScreen(shell.getInvertedOut());
                        OutputStream keyboard = shell.getInvertedIn();

                        keyboard.write("echo $TERM; stty size\n".getBytes(StandardCharsets.UTF_8));
                        keyboard.flush();
                        screen.awaitMatch("(?m)^xterm\\r?$");
                        screen.awaitMatch("30 100");

                        shell.sendWindowChange(132, 43);
                        keyboard.write("stty size\n".getBytes(StandardCharsets.UTF_8));
                        keyboard.flush();
                        screen.awaitMatch("43 132");
                    }
                }
            }
        }
    }

    @Nested
    class EnforcesTheWhitelist {

        @Test
        void closesAConnectionFromOutsideBeforeAnyAuthentication() throws Exception {
            var privateNetworkOnly = access(null, List.of(key),
                    (address, port) -> address.getAddress()[0] == 10 && address.getAddress().length == 4);
            var server = start(privateNetworkOnly);

            var result = keyClient(server).ssh(List.of(), "echo in");

            assertThat(result.exitCode()).isEqualTo(255);
            assertThat(result.output()).isEmpty();
            assertThat(result.errors()).doesNotContain("Permission denied")
                    .containsAnyOf("Connection closed", "Connection reset", "kex_exchange_identification");
        }

        @Test
        void letsAnAllowedAddressIn() throws Exception {
            List<Integer> portsAsked = new CopyOnWriteArrayList<>();
            var loopbackOnly = access(null, List.of(key), (address, port) -> {
                portsAsked.add(port);
                return address.equals(InetAddress.getLoopbackAddress());
            });
            var server = start(loopbackOnly);

            var result = keyClient(server).ssh(List.of(), "echo in");

            assertThat(result.output()).isEqualTo("in\n");
            assertThat(portsAsked).containsOnly(server.port());
        }
    }

    @Nested
    class TransfersFiles {

        @Test
        void scpOverSftpPutsUploadsInTheWorkingDirectory() throws Exception {
            var server = start(keyOnly());
            Path file = Files.writeString(temp.resolve("model.txt"), "weights");

            var result = keyClient(server).scp(List.of(), file, "");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(workingDirectory.resolve("model.txt")).hasContent("weights");
        }

        @Test
        void scpWithTheOldProtocolPutsUploadsInTheWorkingDirectory() throws Exception {
            var server = start(keyOnly());
            Path file = Files.writeString(temp.resolve("data.csv"), "a,b\n1,2\n");

            var result = keyClient(server).scp(List.of("-O"), file, "");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(workingDirectory.resolve("data.csv")).hasContent("a,b\n1,2\n");
        }

        @Test
        void sftpStartsInTheWorkingDirectory() throws Exception {
            var server = start(keyOnly());
            Files.writeString(temp.resolve("notes.md"), "# notes");
            Path batch = Files.writeString(temp.resolve("batch"), "put " + temp.resolve("notes.md") + "\npwd\n");

            var result = OpenSshClient.run(List.of("sftp", "-P", Integer.toString(server.port()), "-F", "/dev/null",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                    "-o", "IdentitiesOnly=yes", "-i", identity.toString(), "-b", batch.toString(),
                    OWNER + "@127.0.0.1"), Map.of(), null);

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.output()).contains(workingDirectory.toString());
            assertThat(workingDirectory.resolve("notes.md")).hasContent("# notes");
        }
    }

    @Nested
    class EndsWhatSessionsStarted {

        @Test
        void closingTheServerEndsACommandsChildren() throws Exception {
            var server = start(keyOnly());
            long child = startBackgroundSleep(server, List.of());

            server.close();

            assertEnds(child);
        }

        @Test
        void closingTheServerEndsAShellsChildren() throws Exception {
            var server = start(keyOnly());
            long child = startBackgroundSleep(server, List.of("-tt"));

            server.close();

            assertEnds(child);
        }

        @Test
        void aClientThatGoesAwayEndsItsCommandsChildren() throws Exception {
            var server = start(keyOnly());
            long child = startBackgroundSleep(server, List.of());

            clients.getLast().destroyForcibly().waitFor();

            assertEnds(child);
        }

        @Test
        void aClientThatGoesAwayEndsItsChildrenEvenWhenGantryIgnoresHangups() throws Exception {
            WorkloadSshServer server;
            try (IgnoredHangups nohup = new IgnoredHangups()) {
                server = start(keyOnly());
            }
            long child;
            try (IgnoredHangups nohup = new IgnoredHangups()) {
                child = startBackgroundSleep(server, List.of("-tt"));
            }

            clients.getLast().destroyForcibly().waitFor();

            assertEnds(child);
        }

        private long startBackgroundSleep(WorkloadSshServer server, List<String> options) throws Exception {
            Process client = keyClient(server).start(options, "sleep 1000 & echo child=$!; wait");
            clients.add(client);
            var reader = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            Pattern childLine = Pattern.compile("child=(\\d+)");
            for (String line; (line = reader.readLine()) != null; ) {
                Matcher matcher = childLine.matcher(line);
                if (matcher.find()) {
                    long pid = Long.parseLong(matcher.group(1));
                    assertThat(ProcessHandle.of(pid)).as("the sleeping child").isPresent();
                    return pid;
                }
            }
            throw new AssertionError("The command printed no child");
        }

        private static void assertEnds(long pid) throws InterruptedException {
            long deadline = System.nanoTime() + OpenSshClient.PATIENCE.toNanos();
            while (ProcessHandle.of(pid).filter(ProcessTree::running).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ProcessHandle.of(pid).filter(ProcessTree::running)).as("process " + pid).isEmpty();
        }
    }
}
