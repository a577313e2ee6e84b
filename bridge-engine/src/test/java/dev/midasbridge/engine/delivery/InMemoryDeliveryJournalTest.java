package dev.midasbridge.engine.delivery;

class InMemoryDeliveryJournalTest extends DeliveryJournalContract {
    @Override
    protected DeliveryJournal open() {
        return InMemoryDeliveryJournal.create();
    }

    @Override
    protected DeliveryJournal openAnother() {
        return journal;
    }
}
