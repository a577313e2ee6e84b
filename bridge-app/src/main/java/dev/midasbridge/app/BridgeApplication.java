package dev.midasbridge.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /**
     * The injector for a bridge with these settings plus a process's own bindings (e.g. the gateway's module), so
     * that such a process still builds its one injector here.
     */
    public static Injector injector(BridgeSettings settings, Module... more) {
        List<Module> modules = new ArrayList<>();
        modules.add(new BridgeModule(settings));
        modules.addAll(Arrays.asList(more));
        return Guice.createInjector(modules);
    }
}
