package io.gantry.container;

import io.gantry.audit.OperationLog;
import io.gantry.runtime.SshLoginFailed;
import io.gantry.shared.SystemTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the refused SSH password logins of containers into the operation log, as the platform's own lines: nobody
 * is signed in, and the name a client offered may be a mistyped password, so it is not written.
 */
@Component
class SshLoginRecorder {

    private final OperationLog operationLog;
    private final ContainerRepository repository;

    SshLoginRecorder(OperationLog operationLog, ContainerRepository repository) {
        this.operationLog = operationLog;
        this.repository = repository;
    }

    @EventListener
    void on(SshLoginFailed failed) {
        repository.byRuntimeId(failed.workloadId()).map(Container::id).ifPresent(id -> operationLog.recordAs(SystemTask.SYSTEM,
                failed.from().getHostAddress(), "container.ssh-login-refused", ContainerRepository.logTarget(id),
                failed.throttled() ? "oplog.details.ssh-throttled" : "oplog.details.ssh-wrong-login"));
    }
}
