package dev.midasbridge.gateway;

import dev.midasbridge.core.credentials.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for session keys at rest: a random 12-byte nonce per value, the openid as associated data (a value
 * copied to another player's row does not decrypt), stored as nonce followed by ciphertext and tag.
 */
final class SessionCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SessionCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A cipher under a base64 32-byte key (as held in the environment variable the configuration names). */
    static SessionCipher fromBase64(Secret base64Key, String envName) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.reveal().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable " + envName
                    + " must hold a base64 AES key of 32 bytes (e.g. `openssl rand -base64 32`); it is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("environment variable " + envName
                    + " must hold a base64 AES key of 32 bytes; it holds " + raw.length + " bytes");
        }
        return new SessionCipher(raw);
    }

    /** A cipher under a fresh random key: for the stand-in demo, where nothing must outlive the process. */
    static SessionCipher random() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return new SessionCipher(raw);
    }

    byte[] encrypt(String openid, Secret sessionKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(openid.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(sessionKey.utf8());
            return ByteBuffer.allocate(NONCE_BYTES + ct.length)
                    .put(nonce)
                    .put(ct)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The session key, or empty when the value does not decrypt (another key, another openid, damaged). */
    Optional<Secret> decrypt(String openid, byte[] stored) {
        if (stored == null || stored.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            c.updateAAD(openid.getBytes(StandardCharsets.UTF_8));
            byte[] plain = c.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return Optional.of(Secret.of(new String(plain, StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
