package dev.midasbridge.engine.delivery;

import dev.midasbridge.engine.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers push events to the game's handler exactly once, through a {@link DeliveryJournal}:
 *
 * <ol>
 *   <li>the event is journaled under its dedup key before the handler sees it; a copy of a DELIVERED event is
 *       answered success at once ({@link Outcome#ALREADY_DELIVERED}), the handler is not called again;
 *   <li>the delivery is claimed (a lease, so two copies arriving at two gateway instances at once are delivered
 *       once; a crashed instance's claim expires);
 *   <li>before each request to the handler the journal marks the event <em>maybe delivered</em>; a request made
 *       while that mark is already set (an earlier attempt timed out, or the process died after the handler accepted
 *       but before the journal heard of it) is flagged as a possible duplicate, so the handler never takes a second
 *       copy for a new delivery;
 *   <li>only when the handler accepted is the event DELIVERED and the answer success ({@link Result#answerSuccess}).
 * </ol>
 *
 * A handler that refuses or does not answer is retried with exponential backoff, at most {@code maxAttempts} times
 * per push; then the claim is released and the push is answered with a failure, so that WeChat pushes it again.
 */
public final class PushDeliveries {
    /** What became of one push. */
    public enum Outcome {
        /** The handler accepted it, unflagged: its first delivery. */
        DELIVERED,
        /** The handler accepted it, flagged as a possible duplicate (an earlier attempt may have reached it). */
        DELIVERED_FLAGGED,
        /** It was delivered before: answered success without calling the handler. */
        ALREADY_DELIVERED,
        /** Another instance (or thread) is delivering it right now: answered a failure, WeChat pushes it again. */
        IN_PROGRESS,
        /** The handler did not accept it within the attempts: answered a failure, WeChat pushes it again. */
        FAILED
    }

    /** The outcome and the journaled record after it. */
    public record Result(Outcome outcome, DeliveryRecord record) {
        /** Whether WeChat gets {@code {"ErrCode":0,"ErrMsg":"Success"}}. */
        public boolean answerSuccess() {
            return outcome == Outcome.DELIVERED
                    || outcome == Outcome.DELIVERED_FLAGGED
                    || outcome == Outcome.ALREADY_DELIVERED;
        }
    }

    /** What the game's handler said. */
    public enum Answer {
        /** Taken: the game delivered the goods (or knew it had). */
        ACCEPTED,
        /** A definite no (it answered, and not with acceptance): it did not take the event. */
        REFUSED,
        /** No usable answer (timeout, dropped connection): it may have taken the event. */
        UNKNOWN
    }

    /** The game's handler: delivers {@code event}, told whether it may have seen it before. */
    @FunctionalInterface
    public interface Handler {
        Answer deliver(DeliveryRecord event, boolean possibleDuplicate);
    }

    private final DeliveryJournal journal;
    /** This instance; each delivery claims as {@code owner#n}, so two copies in one process exclude each other too. */
    private final String owner;

    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration lease;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration inFlightWait;

    private PushDeliveries(Builder b) {
        this.journal = b.journal;
        this.owner = b.owner;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.lease = b.lease;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.inFlightWait = b.inFlightWait;
    }

    public static Builder builder(DeliveryJournal journal) {
        return new Builder(journal);
    }

    /** The journal this delivers through. */
    public DeliveryJournal journal() {
        return journal;
    }

    /** Journals {@code incoming} (a {@link DeliveryRecord#received} record) and delivers it to {@code handler}. */
    public Result deliver(DeliveryRecord incoming, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        String owner = this.owner + "#" + calls.incrementAndGet();
        DeliveryRecord journaled = journal.receive(incoming);
        String key = journaled.dedupKey();
        if (journaled.status() == DeliveryStatus.DELIVERED) {
            return new Result(Outcome.ALREADY_DELIVERED, journaled);
        }
        Optional<DeliveryRecord> claim = journal.claim(key, owner, clock.instant(), lease);
        if (claim.isEmpty()) {
            return waitForOther(key);
        }
        for (int attempt = 1; ; attempt++) {
            Optional<DeliveryRecord> before = journal.beforeSend(key, owner, clock.instant(), lease);
            if (before.isEmpty()) {
                // The claim was lost (it expired and another instance took it over): theirs now.
                return settled(key);
            }
            boolean flagged = before.get().maybeDelivered();
            Answer answer;
            try {
                answer = Objects.requireNonNull(handler.deliver(before.get(), flagged), "handler answer");
            } catch (RuntimeException e) {
                answer = Answer.UNKNOWN;
            }
            if (answer == Answer.ACCEPTED) {
                DeliveryRecord done = journal.delivered(key, owner, clock.instant());
                return new Result(flagged ? Outcome.DELIVERED_FLAGGED : Outcome.DELIVERED, done);
            }
            if (answer == Answer.REFUSED) {
                journal.refused(key, owner, flagged, "the game's handler refused attempt " + attempt, clock.instant());
            }
            if (attempt >= maxAttempts) {
                journal.release(
                        key,
                        owner,
                        "not accepted after " + attempt + " attempts (last: " + answer + ")",
                        clock.instant());
                return new Result(Outcome.FAILED, journal.find(key).orElseThrow());
            }
            sleeper.sleep(backoff(attempt));
        }
    }

    /** The pause after attempt {@code attempt} (from 1): initial × 2^(attempt-1), at most the maximum. */
    Duration backoff(int attempt) {
        long ms = initialBackoff.toMillis();
        for (int i = 1; i < attempt && ms < maxBackoff.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }

    private Result waitForOther(String key) {
        Instant until = clock.instant().plus(inFlightWait);
        while (true) {
            DeliveryRecord r = journal.find(key).orElseThrow();
            if (r.status() == DeliveryStatus.DELIVERED) {
                return new Result(Outcome.ALREADY_DELIVERED, r);
            }
            if (!clock.instant().isBefore(until)) {
                return new Result(Outcome.IN_PROGRESS, r);
            }
            sleeper.sleep(Duration.ofMillis(Math.max(1, Math.min(100, inFlightWait.toMillis() / 10))));
        }
    }

    private Result settled(String key) {
        DeliveryRecord r = journal.find(key).orElseThrow();
        return new Result(r.status() == DeliveryStatus.DELIVERED ? Outcome.ALREADY_DELIVERED : Outcome.IN_PROGRESS, r);
    }

    /** Settings; every value has a default. */
    public static final class Builder {
        private final DeliveryJournal journal;
        private String owner = UUID.randomUUID().toString();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private Duration lease = Duration.ofSeconds(60);
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration inFlightWait = Duration.ofSeconds(3);

        private Builder(DeliveryJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
        }

        /** This instance's name in claims (default: a random UUID, so a restarted process is a new owner). */
        public Builder owner(String owner) {
            if (owner == null || owner.isEmpty() || owner.length() > 40) {
                throw new IllegalArgumentException("owner: 1 to 40 characters");
            }
            this.owner = owner;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * How long a claim holds without news from its owner; must exceed one handler call plus the longest backoff
         * (each attempt renews it). A crashed instance's events wait this long before another takes them over.
         */
        public Builder lease(Duration lease) {
            this.lease = positive(lease, "lease");
            return this;
        }

        /** Attempts per push (at least 1). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts " + maxAttempts + ": must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The first pause between attempts, doubled each time up to {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initial backoff");
            this.maxBackoff = positive(max, "max backoff");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff must not be shorter than the initial backoff");
            }
            return this;
        }

        /** How long a copy of a push that another instance is delivering waits for that delivery to finish. */
        public Builder inFlightWait(Duration wait) {
            this.inFlightWait = Objects.requireNonNull(wait, "inFlightWait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("inFlightWait must not be negative");
            }
            return this;
        }

        public PushDeliveries build() {
            return new PushDeliveries(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
