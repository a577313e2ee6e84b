package dev.midasbridge.app;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * The one place a process builds its injector. The CLI's commands, the benchmarks and the gateway are the
 * process entry points; each calls {@link #injector(BridgeSettings)} once and asks it for what it needs.
 */
public final class BridgeApplication {
    private BridgeApplication() {
    }

    /** The injector for a bridge with these settings: both adapters, the engine and the journal. */
    public static Injector injector(BridgeSettings settings) {
        return Guice.createInjector(new BridgeModule(settings));
    }
}
