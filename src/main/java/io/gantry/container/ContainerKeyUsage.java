package io.gantry.container;

import io.gantry.network.KeyUsage;
import java.util.List;
import org.springframework.stereotype.Component;

/** Tells the SSH key page which live containers accept a key, before its owner deletes it. */
@Component
class ContainerKeyUsage implements KeyUsage {

    private final ContainerRepository repository;

    ContainerKeyUsage(ContainerRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<String> runningWorkloadsUsing(long keyId) {
        return repository.liveUsingKey(keyId);
    }
}
