package io.gantry.network;

import io.gantry.audit.OperationLog;
import io.gantry.identity.CurrentUser;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.Names;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.security.KeyPair;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's SSH keys (AI-Stack 七.1): generated here (the private key is handed out once and never stored) or imported
 * as a public key. Each user sees and changes only their own keys; another user's key does not exist for them.
 */
@Service
@RolesAllowed(Permission.Names.NETWORK_USE)
public class SshKeyService {

    public static final int NAME_MAX = 64;

    private final SshKeyRepository repository;
    private final OperationLog operationLog;
    private final ObjectProvider<KeyUsage> usages;
    private final Clock clock;

    SshKeyService(SshKeyRepository repository, OperationLog operationLog, ObjectProvider<KeyUsage> usages,
                  Clock clock) {
        this.repository = repository;
        this.operationLog = operationLog;
        this.usages = usages;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<SshKey> mine() {
        return repository.ofUser(me());
    }

    /** A page of the signed-in user's keys in the asked order (only the list's sort properties), then by name. */
    @Transactional(readOnly = true)
    public List<SshKey> mine(List<ListSort> sort, int offset, int limit) {
        return repository.ofUser(me(), sort, offset, limit);
    }

    @Transactional(readOnly = true)
    public int countMine() {
        return repository.countOfUser(me());
    }

    @Transactional(readOnly = true)
    public SshKey key(long id) {
        return repository.ofUser(me(), id).orElseThrow(() -> new NotFound("ssh-key"));
    }

    /** Generates a key pair; only its public part is saved. The private key is in the result, and nowhere else. */
    @Transactional
    public GeneratedKey generate(String name, KeyAlgorithm algorithm) {
        long me = me();
        InvalidInput.Collector problems = checkName(me, name);
        if (algorithm == null) {
            problems.add("algorithm", "field.required");
        }
        problems.throwIfAny();
        String clean = name.strip();
        KeyPair pair = algorithm.generate();
        SshPublicKey publicKey = SshPublicKey.of(pair.getPublic(), clean);
        long id = repository.insert(me, clean, publicKey, clock.instant());
        operationLog.record("ssh-key.generate", "ssh-key:" + clean, "oplog.details.ssh-key", describe(publicKey));
        return new GeneratedKey(key(id), OpenSshPrivateKeyFile.write(pair, clean));
    }

    /** Imports a public key; a pasted private key is refused, and nothing of it is kept. */
    @Transactional
    public SshKey importKey(String name, String publicKeyText) {
        long me = me();
        InvalidInput.Collector problems = checkName(me, name);
        SshPublicKey publicKey = null;
        if (publicKeyText == null || publicKeyText.isBlank()) {
            problems.add("publicKey", "field.required");
        } else {
            try {
                publicKey = SshPublicKey.parse(publicKeyText);
            } catch (InputRefused refused) {
                problems.add("publicKey", refused.messageKey(), refused.arguments());
            }
        }
        if (publicKey != null) {
            String fingerprint = publicKey.fingerprint();
            repository.nameWithFingerprint(me, fingerprint)
                    .ifPresent(other -> problems.add("publicKey", "network.key.duplicate", other));
        }
        problems.throwIfAny();
        String clean = name.strip();
        long id = repository.insert(me, clean, publicKey, clock.instant());
        operationLog.record("ssh-key.import", "ssh-key:" + clean, "oplog.details.ssh-key", describe(publicKey));
        return key(id);
    }

    /**
     * Deletes a key. Containers that run with it keep it until they stop (see {@link #runningWorkloadsUsing}); new
     * ones can no longer choose it.
     */
    @Transactional
    public void delete(long id) {
        SshKey key = key(id);
        repository.delete(id);
        operationLog.record("ssh-key.delete", "ssh-key:" + key.name(), "oplog.details.fingerprint", key.fingerprint());
    }

    /** Names of the caller's running containers that were started with this key, for the delete confirmation. */
    @Transactional(readOnly = true)
    public List<String> runningWorkloadsUsing(long id) {
        key(id);
        Set<String> names = new LinkedHashSet<>();
        usages.orderedStream().forEach(usage -> names.addAll(usage.runningWorkloadsUsing(id)));
        return names.stream().sorted().toList();
    }

    private InvalidInput.Collector checkName(long me, String name) {
        InvalidInput.Collector problems = InvalidInput.collect().check("name", Names.problem(name));
        if (name == null || name.isBlank()) {
            problems.add("name", "field.required");
        } else if (name.strip().length() > NAME_MAX) {
            problems.add("name", "field.too-long", NAME_MAX);
        } else if (repository.nameTaken(me, name.strip())) {
            problems.add("name", "error.name-taken", name.strip());
        }
        return problems;
    }

    /** The operation log's arguments for a key: algorithm, bits and fingerprint. */
    private static Object[] describe(SshPublicKey key) {
        return new Object[] {key.algorithm(), String.valueOf(key.bits()), key.fingerprint()};
    }

    private static long me() {
        return CurrentUser.get().orElseThrow(() -> new IllegalStateException("No signed-in user")).id();
    }
}
