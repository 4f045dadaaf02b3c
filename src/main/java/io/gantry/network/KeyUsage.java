package io.gantry.network;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Which running workloads were started with a key, told by the features that run containers. With none present no
 * key is in use. A key deleted while in use stays in those containers until they stop; new ones cannot choose it.
 */
@NamedInterface("api")
public interface KeyUsage {

    /** Names of the running containers that accept logins with this key. */
    List<String> runningWorkloadsUsing(long keyId);
}
