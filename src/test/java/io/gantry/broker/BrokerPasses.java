package io.gantry.broker;

import java.time.Duration;
import org.springframework.context.ApplicationContext;

/** For tests of other packages: waits for the scheduling passes that changes to the queue asked for. */
public final class BrokerPasses {

    private BrokerPasses() {
    }

    /** Waits until every pass asked for so far has run; fails after ten seconds. */
    public static void await(ApplicationContext context) {
        try {
            if (!context.getBean(Passes.class).awaitAsked(Duration.ofSeconds(10))) {
                throw new AssertionError("The scheduling passes asked for did not run within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
