package dev.midasbridge.engine;

import java.util.List;

/** What {@code reconcile} did: orders now applied, not applied, still unknown, and skipped (no session), with a line each. */
public record ReconcileReport(int applied, int notApplied, int stillUnknown, int skipped, List<String> lines) {
    public ReconcileReport {
        lines = List.copyOf(lines);
    }

    /** Orders looked at. */
    public int total() {
        return applied + notApplied + stillUnknown + skipped;
    }
}
