package dev.midasbridge.app;

import dev.midasbridge.engine.journal.AttemptStart;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalEvent;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.Resolution;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A journal opened on first use (and closed only if it was opened): see {@link JournalSettings.Lazy}. */
final class LazyJournal implements Journal {
    private final JournalSettings settings;
    private Journal journal;
    private boolean closed;

    LazyJournal(JournalSettings settings) {
        this.settings = settings;
    }

    private synchronized Journal journal() {
        if (closed) {
            throw new IllegalStateException("the journal is closed");
        }
        if (journal == null) {
            journal = settings.open();
        }
        return journal;
    }

    @Override
    public JournalEntry recordIntent(JournalEntry intent) {
        return journal().recordIntent(intent);
    }

    @Override
    public AttemptStart startFirstAttempt(JournalEntry intent, Instant now) {
        return journal().startFirstAttempt(intent, now);
    }

    @Override
    public Optional<JournalEntry> find(JournalKey key) {
        return journal().find(key);
    }

    @Override
    public AttemptStart startAttempt(JournalKey key, Instant now) {
        return journal().startAttempt(key, now);
    }

    @Override
    public void finish(JournalKey key, Resolution resolution, Instant now) {
        journal().finish(key, resolution, now);
    }

    @Override
    public List<JournalEntry> refundsOf(JournalKey deduction, dev.midasbridge.core.order.OrderNo deductionWireOrderNo) {
        return journal().refundsOf(deduction, deductionWireOrderNo);
    }

    @Override
    public List<JournalEntry> unresolved() {
        return journal().unresolved();
    }

    @Override
    public List<JournalEntry> flagUnresolvedOlderThan(Instant cutoff, Instant now) {
        return journal().flagUnresolvedOlderThan(cutoff, now);
    }

    @Override
    public List<JournalEntry> list(int limit) {
        return journal().list(limit);
    }

    @Override
    public List<JournalEvent> history(JournalKey key) {
        return journal().history(key);
    }

    /** The journal, opened now if it was not (for the delivery journal in its database). */
    Journal openedJournal() {
        return journal();
    }

    /** Whether the journal was opened (tests: a balance read must not open it). */
    synchronized boolean opened() {
        return journal != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (journal != null) {
            journal.close();
        }
    }

    @Override
    public String toString() {
        return "LazyJournal[" + settings.describe() + (journal == null ? ", not opened" : ", opened") + "]";
    }
}
