package dev.midasbridge.engine;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNoRules;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the bridge behaves: routing, retries, per-call timeout, shadow reads, the prefix that remaps legacy order
 * numbers pay_v2 forbids (none: such orders are rejected), when unresolved orders are flagged for a person, which
 * version refunds an order the journal has never seen (none: such a refund is refused, naming the setting), and where
 * a player's current session_key is fetched when the server rejects the one given (none: the call gives up with the
 * {@code ReLoginRequiredException}). Build with {@link #builder()}.
 */
public record BridgeConfig(
        Router router,
        RetryPolicy retry,
        Duration callTimeout,
        boolean shadowReads,
        Optional<String> legacyOrderPrefix,
        Duration flagAfter,
        Optional<ApiVersion> unjournaledOrderVersion,
        Optional<SessionLookup> sessionLookup,
        Clock clock) {

    public BridgeConfig {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(legacyOrderPrefix, "legacyOrderPrefix");
        Objects.requireNonNull(flagAfter, "flagAfter");
        Objects.requireNonNull(unjournaledOrderVersion, "unjournaledOrderVersion");
        Objects.requireNonNull(sessionLookup, "sessionLookup");
        Objects.requireNonNull(clock, "clock");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout " + callTimeout + ": must be positive");
        }
        if (flagAfter.compareTo(Duration.ofHours(47)) > 0) {
            throw new IllegalArgumentException("flagAfter " + flagAfter
                    + ": must be well under the 48-hour idempotency window (at most 47 hours)");
        }
        legacyOrderPrefix.ifPresent(p -> {
            if (p.isEmpty()
                    || p.length() > 16
                    || p.charAt(0) == '_'
                    || !p.chars().allMatch(OrderNoRules::isAllowedChar)) {
                throw new IllegalArgumentException("legacy order prefix \"" + p
                        + "\": must be 1 to 16 of 0-9 A-Z a-z _ - and not begin with '_' (pay_v2's rules)");
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.router = router;
        b.retry = retry;
        b.callTimeout = callTimeout;
        b.shadowReads = shadowReads;
        b.legacyOrderPrefix = legacyOrderPrefix.orElse(null);
        b.flagAfter = flagAfter;
        b.unjournaledOrderVersion = unjournaledOrderVersion.orElse(null);
        b.sessionLookup = sessionLookup.orElse(null);
        b.clock = clock;
        return b;
    }

    /** Builds a {@link BridgeConfig}; every setting has a default. */
    public static final class Builder {
        private Router router = Router.create(RoutingPolicy.allMidasV1());
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration callTimeout = Duration.ofSeconds(5);
        private boolean shadowReads;
        private String legacyOrderPrefix;
        private Duration flagAfter = Duration.ofHours(6);
        private ApiVersion unjournaledOrderVersion;
        private SessionLookup sessionLookup;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Default: everyone on midas 1.0. */
        public Builder router(Router value) {
            this.router = value;
            return this;
        }

        /** Default: {@link RetryPolicy#defaults()}. */
        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        /** The deadline of each single call; default 5 seconds. */
        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        /** Ask both versions for balances and record divergences; default off. */
        public Builder shadowReads(boolean value) {
            this.shadowReads = value;
            return this;
        }

        /** Remap order numbers pay_v2 forbids to {@code prefix + number}; default none (reject them). */
        public Builder legacyOrderPrefix(String value) {
            this.legacyOrderPrefix = value;
            return this;
        }

        /** Unresolved orders older than this are flagged for a person; default 6 hours. */
        public Builder flagAfter(Duration value) {
            this.flagAfter = value;
            return this;
        }

        /**
         * The version that refunds a deduction the journal never saw (made elsewhere); default none: such a refund
         * is refused before anything is sent, since sending it to the wrong version refunds nothing or the wrong order.
         */
        public Builder unjournaledOrderVersion(ApiVersion value) {
            this.unjournaledOrderVersion = value;
            return this;
        }

        /**
         * Where the bridge fetches a player's current session_key when the server rejects the one it was given
         * (stale after a new login: v2 90010, v1 90009); it then calls once more with the same order number on the
         * same version. Default none: the call gives up at once with the {@code ReLoginRequiredException}.
         */
        public Builder sessionLookup(SessionLookup value) {
            this.sessionLookup = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public BridgeConfig build() {
            return new BridgeConfig(
                    router,
                    retry,
                    callTimeout,
                    shadowReads,
                    Optional.ofNullable(legacyOrderPrefix),
                    flagAfter,
                    Optional.ofNullable(unjournaledOrderVersion),
                    Optional.ofNullable(sessionLookup),
                    clock);
        }
    }
}
