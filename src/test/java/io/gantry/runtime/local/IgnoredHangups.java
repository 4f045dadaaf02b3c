package io.gantry.runtime.local;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Makes this JVM ignore SIGHUP, as {@code nohup} makes a Gantry started under it, until closed: processes it starts
 * meanwhile inherit the ignored signal unless the runtime resets it.
 */
final class IgnoredHangups implements AutoCloseable {

    private static final Signal HANGUP = new Signal("HUP");
    private final SignalHandler previous;

    IgnoredHangups() {
        previous = Signal.handle(HANGUP, SignalHandler.SIG_IGN);
    }

    @Override
    public void close() {
        Signal.handle(HANGUP, previous);
    }
}
