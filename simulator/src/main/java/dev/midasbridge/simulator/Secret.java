package dev.midasbridge.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A key the stand-in holds (AppKey, session_key, access token): prints as {@code ****}; {@link #reveal()} gives the
 * value to the code that signs or compares. The stand-in's own type (it depends on no other midas-bridge module).
 */
public final class Secret {
    /** What every secret prints as. */
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps {@code value}; it must not be empty. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** The secret itself: for signing and comparing only, never for logs or answers. */
    public String reveal() {
        return value;
    }

    /** The secret as UTF-8 bytes (a fresh copy), e.g. an HMAC key. */
    public byte[] utf8() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && Hmac.equal(value, other.value);
    }

    /** Constant, so that hash tables leak nothing about the value. */
    @Override
    public int hashCode() {
        return 0x5ec7e7;
    }

    @Override
    public String toString() {
        return MASK;
    }
}
