package io.gantry.container;

import io.gantry.shared.LiveWorkloads;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A user's live containers, so that the account is not deleted under them. */
@Component
class ContainerLiveWorkloads implements LiveWorkloads {

    private final ContainerRepository repository;

    ContainerLiveWorkloads(ContainerRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> ownedBy(long userId) {
        return repository.liveOwnedBy(userId);
    }
}
