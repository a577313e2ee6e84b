package dev.midasbridge.engine.journal;

/** Where a journaled order stands. */
public enum OrderStatus {
    /** Intent recorded; a call may be under way, or the process died during one. */
    PENDING,
    /** Applied by the server (seen as success, or as 90012 after our own earlier attempt). */
    APPLIED,
    /** Definitely not applied, and final: the same order number returns the same rejection. */
    REJECTED,
    /** Not applied (e.g. session expired, could not connect); calling again with the same order number is fine. */
    FAILED,
    /** Still unknown when the retry budget ran out: reconcile later, within the 48-hour idempotency window. */
    UNKNOWN;

    /** Whether the order still needs reconciling. */
    public boolean unresolved() {
        return this == PENDING || this == UNKNOWN;
    }
}
