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

    SshLoginRecorder(OperationLog operationLog) {
        this.operationLog = operationLog;
    }

    @EventListener
    void on(SshLoginFailed failed) {
        Container.containerId(failed.workloadId()).ifPresent(id -> operationLog.recordAs(SystemTask.SYSTEM,
                failed.from().getHostAddress(), "container.ssh-login-refused", "container:" + id,
                failed.throttled() ? "oplog.details.ssh-throttled" : "oplog.details.ssh-wrong-login"));
    }
}
