package io.gantry.runtime.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * SFTP served by OpenSSH's {@code sftp-server}, started as one of the workload's processes: inside its sandbox, as its
 * account, in its working directory. The kernel then decides what SFTP reaches, exactly as for the workload's own
 * shell, so no link or rename race can lead it anywhere else. Without a sandbox it runs as Gantry's account, as
 * every session then does.
 */
final class WorkloadSftpSubsystemFactory implements SubsystemFactory {

    static final Path SFTP_SERVER = Path.of("/usr/lib/openssh/sftp-server");

    private final WorkloadSshServer server;

    WorkloadSftpSubsystemFactory(WorkloadSshServer server) {
        this.server = server;
    }

    /** Whether this machine has OpenSSH's SFTP server (Debian's {@code openssh-sftp-server}). */
    static boolean available() {
        return Files.isExecutable(SFTP_SERVER);
    }

    @Override
    public String getName() {
        return "sftp";
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
        return new WorkloadCommand(server, List.of(SFTP_SERVER.toString()));
    }
}
