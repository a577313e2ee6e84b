package dev.midasbridge.engine;

import java.util.List;

/**
 * What {@code reconcile} did: orders now applied, not applied, still unknown, and skipped (no session), with a line
 * each. {@code neverSent} counts, among those, the orders no request had ever been sent for (the intent was journaled
 * but the process stopped, or the access token could not be fetched, before anything went on the wire): reconcile
 * sent them for the first time rather than resolving an earlier attempt, and their lines say so.
 */
public record ReconcileReport(
        int applied, int notApplied, int stillUnknown, int skipped, int neverSent, List<String> lines) {
    public ReconcileReport {
        lines = List.copyOf(lines);
    }

    /** A report with no never-sent orders. */
    public ReconcileReport(int applied, int notApplied, int stillUnknown, int skipped, List<String> lines) {
        this(applied, notApplied, stillUnknown, skipped, 0, lines);
    }

    /** Orders looked at. */
    public int total() {
        return applied + notApplied + stillUnknown + skipped;
    }
}
