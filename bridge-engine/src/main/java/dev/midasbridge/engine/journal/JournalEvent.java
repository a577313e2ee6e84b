package dev.midasbridge.engine.journal;

import java.time.Instant;

/** One line of an order's history: what happened, and when. */
public record JournalEvent(Instant at, String text) {}
