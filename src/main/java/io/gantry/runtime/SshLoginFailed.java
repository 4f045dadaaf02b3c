package io.gantry.runtime;

import java.net.InetAddress;
import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/**
 * A password login to a workload's SSH server failed: published by the runtime for the feature that keeps the
 * workloads to record, since the runtime knows no operation log.
 *
 * @param workloadId the workload whose server refused, e.g. "container-12"
 * @param from the client's address
 * @param at when it was refused
 * @param throttled true when the password was not even compared because too many failures came before it; reported
 *                  once per lock, not for every attempt while it holds
 */
@NamedInterface("api")
public record SshLoginFailed(String workloadId, InetAddress from, Instant at, boolean throttled) {
}
