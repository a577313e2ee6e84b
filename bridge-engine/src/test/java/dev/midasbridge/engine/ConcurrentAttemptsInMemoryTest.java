package dev.midasbridge.engine;

import dev.midasbridge.engine.journal.InMemoryJournal;
import dev.midasbridge.engine.journal.Journal;

/** The fleet race of {@link ConcurrentAttemptsContract} on the in-memory journal. */
class ConcurrentAttemptsInMemoryTest extends ConcurrentAttemptsContract {
    @Override
    protected Journal openJournal() {
        return InMemoryJournal.create();
    }
}
