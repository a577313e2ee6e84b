package dev.midasbridge.app;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one place a process builds its injector. The CLI's commands, the benchmarks and the gateway are the
 * process entry points; each calls {@link #injector(BridgeSettings)} or {@link #start(BridgeSettings)} once and asks
 * it for what it needs.
 */
public final class BridgeApplication {
    private BridgeApplication() {}

    /** The injector for a bridge with these settings: both adapters, the engine and the journal (opened when asked). */
    public static Injector injector(BridgeSettings settings) {
        try {
            return Guice.createInjector(new BridgeModule(settings));
        } catch (CreationException e) {
            throw unwrap(e);
        }
    }

    /**
     * The injector, with the journal opened now: a journal that cannot be opened is a {@link JournalException}
     * naming the journal and the cause (not a Guice {@code ProvisionException} around it).
     */
    public static Injector start(BridgeSettings settings) {
        Injector injector = injector(settings);
        try {
            injector.getInstance(Journal.class);
        } catch (ProvisionException e) {
            throw unwrap(e);
        }
        return injector;
    }

    /**
     * The {@link JournalException} inside a Guice {@code ProvisionException} or {@code CreationException} (Guice wraps
     * what providers throw), or {@code e} itself when there is none.
     */
    public static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JournalException j) {
                return j;
            }
        }
        if (e instanceof ProvisionException p) {
            for (var m : p.getErrorMessages()) {
                for (Throwable t = m.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                    if (t instanceof JournalException j) {
                        return j;
                    }
                }
            }
        }
        return e;
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
