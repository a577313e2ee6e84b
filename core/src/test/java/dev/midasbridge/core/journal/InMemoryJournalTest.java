package dev.midasbridge.core.journal;

class InMemoryJournalTest extends JournalContract {
    @Override
    Journal open() {
        return InMemoryJournal.create();
    }

    @Override
    Journal openAnother() {
        return journal;
    }
}
