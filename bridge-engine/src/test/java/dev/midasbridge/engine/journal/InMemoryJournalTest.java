package dev.midasbridge.engine.journal;

class InMemoryJournalTest extends JournalContract {
    @Override
    protected Journal open() {
        return InMemoryJournal.create();
    }

    @Override
    protected Journal openAnother() {
        return journal;
    }
}
