package dev.midasbridge.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons whose running time does not depend on where two secrets or signatures first differ. */
public final class ConstantTime {
    private ConstantTime() {}

    /** Whether {@code a} and {@code b} are equal, in time independent of their contents. Nulls are never equal. */
    public static boolean equals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
