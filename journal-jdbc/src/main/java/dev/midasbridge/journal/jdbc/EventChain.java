package dev.midasbridge.journal.jdbc;

import dev.midasbridge.engine.journal.JournalKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain over each order's events: an event's {@code chain} is SHA-256 (first 128 bits, hex) of the previous
 * event's chain of the same order (empty for the first) and the event itself. An event deleted, altered or moved
 * breaks the chain of its order. The chain is per order, not global, so a fleet of servers writing different orders
 * to one PostgreSQL need not serialise on one head row: writes to one order are serialised by its row lock already.
 */
final class EventChain {
    private EventChain() {}

    static String next(String previous, JournalKey key, long at, String text) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        String line =
                (previous == null ? "" : previous) + "\n" + key.environment().name() + "\n" + key.openid() + "\n"
                        + key.zoneId() + "\n" + key.orderNo() + "\n" + at + "\n" + text;
        byte[] hash = sha.digest(line.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16);
    }

    /** The part of a chain value folded into the journal's running digest (a sum, so order does not matter). */
    static long fold(String chain) {
        return chain == null ? 0 : Long.parseUnsignedLong(chain.substring(0, 16), 16);
    }
}
