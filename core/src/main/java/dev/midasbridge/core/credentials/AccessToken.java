package dev.midasbridge.core.credentials;

import java.time.Instant;
import java.util.Objects;

/** An access token with the instant it stops working; {@code toString()} masks the token. */
public record AccessToken(Secret value, Instant expiresAt) {
    public AccessToken {
        Objects.requireNonNull(value, "access token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A token that never expires by our clock (one given in configuration). */
    public static AccessToken fixed(String token) {
        return new AccessToken(Secret.of(token), Instant.MAX);
    }

    @Override
    public String toString() {
        return "AccessToken[" + Secret.MASK + ", expiresAt=" + (Instant.MAX.equals(expiresAt) ? "never" : expiresAt)
                + "]";
    }
}
