package io.gantry.network;

import io.gantry.shared.NotFound;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users' SSH keys as the features that run workloads read them: the keys of a named owner, for a workload that
 * owner starts. No user check and no signed-in user read: the caller names the owner. Joins the caller's
 * transaction. People see and change their keys through {@link SshKeyService}.
 */
@Component
@NamedInterface("api")
public class SshKeys {

    private final SshKeyRepository repository;

    SshKeys(SshKeyRepository repository) {
        this.repository = repository;
    }

    /** All of the owner's keys, by name. */
    @Transactional(readOnly = true)
    public List<SshKey> ofOwner(long ownerId) {
        return repository.ofUser(ownerId);
    }

    /**
     * Those of these keys that belong to the owner; a deleted key or another user's is left out, so a caller compares
     * the sizes to refuse a choice that is not all the owner's.
     */
    @Transactional(readOnly = true)
    public List<SshKey> ofOwner(long ownerId, Collection<Long> keyIds) {
        return keyIds.isEmpty() ? List.of() : repository.ofUser(ownerId, Set.copyOf(keyIds));
    }

    /**
     * The keys a workload of this owner accepts for SSH logins, for the runtime. Every id must be one of the owner's
     * keys: a deleted or foreign key is not found, and the workload cannot start with it.
     */
    @Transactional(readOnly = true)
    public List<PublicKey> authorizedKeys(long ownerId, Collection<Long> keyIds) {
        Set<Long> wanted = Set.copyOf(keyIds);
        List<SshKey> keys = ofOwner(ownerId, wanted);
        if (keys.size() != wanted.size()) {
            throw new NotFound("ssh-key");
        }
        return keys.stream().map(k -> SshPublicKey.parse(k.publicKey()).toPublicKey()).toList();
    }
}
