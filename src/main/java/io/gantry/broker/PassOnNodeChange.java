package io.gantry.broker;

import io.gantry.cluster.NodesChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * A node that starts or stops taking work changes who fits: the broker looks at the queue once the change is saved.
 * The event goes through the event publication registry, so a pass that fails, or a replica that dies before it
 * runs, leaves the event to be delivered again.
 */
@Component
class PassOnNodeChange {

    private final Passes passes;

    PassOnNodeChange(Passes passes) {
        this.passes = passes;
    }

    /**
     * Runs after the change commits, on a thread of its own. No transaction is held around the pass: it runs (and,
     * after losing a race, repeats) its own, and needs no signed-in user.
     */
    @ApplicationModuleListener(id = "broker.pass-on-node-change", propagation = Propagation.NOT_SUPPORTED)
    void passOnNodeChange(NodesChanged change) {
        passes.run();
    }
}
