package dev.midasbridge.engine.delivery;

import dev.midasbridge.journal.jdbc.JdbcJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The exactly-once property of {@link PushDeliveriesProperties} (arbitrary copies, handler answers and crashes)
 * played against the durable delivery journal in an embedded H2 file, every script on its own events.
 */
class EmbeddedPushDeliveriesProperties {
    private static Path dir;
    private static JdbcJournal journal;
    private static final AtomicLong RUNS = new AtomicLong();

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("push-properties");
        journal = JdbcJournal.embedded(dir.resolve("journal"));
    }

    @AfterContainer
    static void close() {
        journal.close();
    }

    @Property(tries = 60)
    void everyEventIsTakenOnceUnflaggedOnTheEmbeddedJournal(
            @ForAll("scripts") List<PushDeliveriesProperties.Step> script) {
        PushDeliveriesProperties.runScript(script, journal.deliveries(), "r" + RUNS.incrementAndGet() + "-");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<PushDeliveriesProperties.Step>> scripts() {
        return new PushDeliveriesProperties().scripts();
    }
}
