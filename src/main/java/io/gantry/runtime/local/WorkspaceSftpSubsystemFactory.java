package io.gantry.runtime.local;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * SFTP whose relative paths start in the user's home as the server's file system factory names it (the workload's
 * working directory), so that {@code sftp} and {@code scp} put uploads there. MINA's own starts in the directory
 * the JVM runs in. A confined view names no home and starts at its root, which is the workload's home.
 */
final class WorkspaceSftpSubsystemFactory extends SftpSubsystemFactory {

    @Override
    public Command createSubsystem(ChannelSession channel) throws IOException {
        SftpSubsystem subsystem = new SftpSubsystem(channel, this) {
            @Override
            public void setFileSystemFactory(FileSystemFactory factory, SessionContext session) throws IOException {
                super.setFileSystemFactory(factory, session);
                Path home = factory.getUserHomeDir(session);
                if (home != null) {
                    defaultDir = home;
                }
            }
        };
        getRegisteredListeners().forEach(subsystem::addSftpEventListener);
        return subsystem;
    }
}
