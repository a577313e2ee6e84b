package dev.midasbridge.simulator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One applied operation in the stand-in server's ledger: which version and world, which endpoint, which player,
 * which order, how many coins and when. {@code amount} is what changed the balance: deducted, granted or returned.
 * For a refund, {@code refundedBillNo} names the deduction; a pay_v2 refund's {@code billNo} is its own new order
 * number, a midas 1.0 refund's {@code billNo} is the deduction's (1.0 refunds have no order number of their own).
 */
public record LedgerEntry(
        long sequence,
        ApiVersion version,
        Environment environment,
        String endpoint,
        String openid,
        String zoneId,
        String billNo,
        Optional<String> refundedBillNo,
        long amount,
        long balanceAfter,
        Instant time) {
    public LedgerEntry {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(billNo, "billNo");
        Objects.requireNonNull(refundedBillNo, "refundedBillNo");
        Objects.requireNonNull(time, "time");
    }
}
