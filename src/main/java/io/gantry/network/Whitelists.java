package io.gantry.network;

import java.util.Optional;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * IP whitelists as the features that run workloads read them: whether a whitelist is a named owner's (to attach it
 * to that owner's workload), and any whitelist's rules (to filter connections to a workload). No user check and no
 * signed-in user read; joins the caller's transaction. People see and change their whitelists through
 * {@link WhitelistService}.
 */
@Component
@NamedInterface("api")
public class Whitelists {

    private final WhitelistRepository repository;

    Whitelists(WhitelistRepository repository) {
        this.repository = repository;
    }

    /** The whitelist if the owner has it; empty for a deleted one or another user's. */
    @Transactional(readOnly = true)
    public Optional<WhitelistDetails> ofOwner(long ownerId, long whitelistId) {
        return repository.byId(whitelistId).filter(owned -> owned.userId() == ownerId)
                .map(WhitelistRepository.Owned::whitelist);
    }

    /** A whitelist's rules as a matcher; empty once it is deleted, which lets nobody in. */
    @Transactional(readOnly = true)
    public Optional<Whitelist> matcher(long whitelistId) {
        return repository.byId(whitelistId).map(owned -> owned.whitelist().toWhitelist());
    }
}
