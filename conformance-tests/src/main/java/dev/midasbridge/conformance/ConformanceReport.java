package dev.midasbridge.conformance;

import java.util.List;
import java.util.Objects;

/**
 * The result of running one vector file against one subject: how many vectors passed and failed, each failure with
 * its first difference, and the summary line {@code conformance: N passed, M failed (FILE)}.
 */
public final class ConformanceReport {
    private final String source;
    private final int passed;
    private final List<VectorFailure> failures;

    ConformanceReport(String source, int passed, List<VectorFailure> failures) {
        this.source = Objects.requireNonNull(source, "source");
        this.passed = passed;
        this.failures = List.copyOf(failures);
    }

    /** The vector file this report is about (a path, or {@code built-in public.json}). */
    public String source() {
        return source;
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failures.size();
    }

    /** Every failed vector, in file order. */
    public List<VectorFailure> failures() {
        return failures;
    }

    /** Whether every vector passed (a file without vectors passes vacuously). */
    public boolean allPassed() {
        return failures.isEmpty();
    }

    /** {@code conformance: N passed, M failed (FILE)}. */
    public String summaryLine() {
        return "conformance: " + passed + " passed, " + failed() + " failed (" + source + ")";
    }

    /** The summary line, then one line per failure. */
    public String render() {
        StringBuilder sb = new StringBuilder(summaryLine());
        for (VectorFailure f : failures) {
            sb.append(System.lineSeparator()).append("  ").append(f.line());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
