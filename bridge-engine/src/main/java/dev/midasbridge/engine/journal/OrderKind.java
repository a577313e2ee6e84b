package dev.midasbridge.engine.journal;

/** The coin-moving operations the journal records. */
public enum OrderKind {
    DEDUCT,
    GRANT,
    REFUND
}
