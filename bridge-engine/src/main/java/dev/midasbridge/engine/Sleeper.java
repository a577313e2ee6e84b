package dev.midasbridge.engine;

import java.time.Duration;

/** How the bridge waits between retries; tests use {@link #NONE} to switch the sleeping off. */
@FunctionalInterface
public interface Sleeper {
    /** Really sleeps. */
    Sleeper REAL = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    /** Does not wait at all. */
    Sleeper NONE = d -> {};

    void sleep(Duration duration);
}
