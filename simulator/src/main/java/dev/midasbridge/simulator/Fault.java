package dev.midasbridge.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One injected failure: what happens ({@link FaultKind}), to which calls (endpoint, player openid, order
 * bill_no; empty = any), how many times ({@code times}; {@link #UNLIMITED} = until cleared), for how long
 * (stalls and latency) and, for {@link FaultKind#ERRCODE}, which errcode to answer. Build with {@link #of(FaultKind)} and the {@code for...}/{@code times}/{@code delay} methods.
 */
public record Fault(
        FaultKind kind,
        Optional<String> endpoint,
        Optional<String> openid,
        Optional<String> billNo,
        int times,
        Duration delay,
        int errcode) {
    /** {@code times} value meaning "every matching call until cleared". */
    public static final int UNLIMITED = -1;
    /** The endpoints a fault may name (the last path segment; both versions share them). */
    public static final Set<String> ENDPOINTS = Set.of("getbalance", "pay", "cancelpay", "present", "queryorderinfo");

    private static final Duration DEFAULT_DELAY = Duration.ofSeconds(3);

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(billNo, "billNo");
        Objects.requireNonNull(delay, "delay");
        endpoint.ifPresent(e -> {
            if (!ENDPOINTS.contains(e)) {
                throw new IllegalArgumentException("fault endpoint \"" + e + "\" is not one of " + ENDPOINTS);
            }
        });
        if (times != UNLIMITED && times < 1) {
            throw new IllegalArgumentException("fault times must be at least 1 (or -1 for unlimited), got " + times);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("fault delay must not be negative");
        }
        if (errcode == 0) {
            throw new IllegalArgumentException("fault errcode must not be 0 (success is not a fault)");
        }
    }

    /** A fault of {@code kind} for the next call to any endpoint, with a 3-second delay where one applies. */
    public static Fault of(FaultKind kind) {
        return new Fault(kind, Optional.empty(), Optional.empty(), Optional.empty(), 1, DEFAULT_DELAY, -1);
    }

    /** Only calls to {@code endpoint} ({@code pay}, {@code getbalance}, ...; either version). */
    public Fault forEndpoint(String endpoint) {
        return new Fault(kind, Optional.of(endpoint), openid, billNo, times, delay, errcode);
    }

    /** Only calls for the player {@code openid}. */
    public Fault forPlayer(String openid) {
        return new Fault(kind, endpoint, Optional.of(openid), billNo, times, delay, errcode);
    }

    /** Only calls whose {@code bill_no} or {@code pay_bill_no} is {@code billNo}. */
    public Fault forOrder(String billNo) {
        return new Fault(kind, endpoint, openid, Optional.of(billNo), times, delay, errcode);
    }

    /** For the next {@code n} matching calls ({@link #UNLIMITED} = until cleared). */
    public Fault times(int n) {
        return new Fault(kind, endpoint, openid, billNo, n, delay, errcode);
    }

    /** The stall or added latency. */
    public Fault delay(Duration d) {
        return new Fault(kind, endpoint, openid, billNo, times, d, errcode);
    }

    /** The errcode an {@link FaultKind#ERRCODE} fault answers (e.g. 90014, or 90016 for a midas 1.0 refund). */
    public Fault errcode(int code) {
        return new Fault(kind, endpoint, openid, billNo, times, delay, code);
    }

    boolean matches(String callEndpoint, String callOpenid, Set<String> callBillNos) {
        return endpoint.map(callEndpoint::equals).orElse(true)
                && openid.map(o -> o.equals(callOpenid)).orElse(true)
                && billNo.map(callBillNos::contains).orElse(true);
    }
}
