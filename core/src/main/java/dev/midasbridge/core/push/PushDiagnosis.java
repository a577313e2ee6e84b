package dev.midasbridge.core.push;

import dev.midasbridge.core.error.PushCheck;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every check of one captured push with its outcome, in the order they ran, and the verified event when all passed.
 * A check after a failed one is {@link Outcome#SKIPPED} when it could not run.
 */
public record PushDiagnosis(List<Step> steps, Optional<PushEvent> event) {
    /** What became of one check. */
    public enum Outcome {
        PASSED,
        FAILED,
        SKIPPED,
        /** Not needed for this push (e.g. msg_signature in plain mode). */
        NOT_APPLICABLE
    }

    /** One check: its outcome and what was found (never a secret). */
    public record Step(PushCheck check, Outcome outcome, String detail) {
        public Step {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(outcome, "outcome");
            detail = detail == null ? "" : detail;
        }
    }

    public PushDiagnosis {
        steps = List.copyOf(steps);
        Objects.requireNonNull(event, "event");
    }

    /** Whether no check failed (and so {@link #event()} is present). */
    public boolean valid() {
        return event.isPresent() && steps.stream().noneMatch(s -> s.outcome() == Outcome.FAILED);
    }

    /** The first failed check, if any. */
    public Optional<Step> firstFailure() {
        return steps.stream().filter(s -> s.outcome() == Outcome.FAILED).findFirst();
    }
}
