package dev.midasbridge.core.push;

import dev.midasbridge.core.crypto.HmacSha256;
import dev.midasbridge.core.error.PushVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** Shared checks of the event records. */
final class PushEvents {
    private PushEvents() {}

    static String dedupKey(String eventName, String payload, Optional<String> outTradeNo) {
        if (outTradeNo.isPresent()) {
            return eventName + ":" + outTradeNo.get();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((eventName + "&" + payload).getBytes(StandardCharsets.UTF_8));
            return eventName + ":sha256:" + HmacSha256.toHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String text(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw PushVerificationException.payload(field, "must be a non-empty string");
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw PushVerificationException.payload(field, value + ": must not be negative");
        }
        return value;
    }

    static long positive(String field, long value) {
        if (value <= 0) {
            throw PushVerificationException.payload(field, value + ": must be greater than 0");
        }
        return value;
    }

    static void common(String eventName, String payload, Object environment) {
        if (eventName == null || eventName.isEmpty()) {
            throw PushVerificationException.body("Event", 0, 0, "must be a non-empty string");
        }
        if (payload == null) {
            throw PushVerificationException.body("MiniGame.Payload", 0, 0, "missing");
        }
        if (environment == null) {
            throw PushVerificationException.payload("Env", "missing: must be 0 (production) or 1 (sandbox)");
        }
    }
}
