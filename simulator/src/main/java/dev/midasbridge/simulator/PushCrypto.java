package dev.midasbridge.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The message-push channel's own cryptography, written for the stand-in with the JDK only: the SHA-1 signatures
 * (URL verification {@code signature} and safe mode's {@code msg_signature}: SHA-1 of the strings sorted and
 * concatenated), the safe-mode AES envelope and {@code PayEventSig}.
 *
 * <p>Envelope: AES-256-CBC without the cipher's own padding; key = base64decode(EncodingAESKey + "="), IV = the key's
 * first 16 bytes; plaintext = 16 random bytes + 4-byte big-endian length of the message + message + appid, padded
 * PKCS#7 to a multiple of 32 bytes; {@code Encrypt} = base64 of the ciphertext.
 */
final class PushCrypto {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PushCrypto() {}

    /** hex(SHA-1(the parts sorted as strings and concatenated)). */
    static String sha1Signature(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
        for (String p : sorted) {
            sha1.update(p.getBytes(StandardCharsets.UTF_8));
        }
        return hex(sha1.digest());
    }

    /** {@code PayEventSig = hex(HMAC-SHA256(appKey, event + "&" + payload))}. */
    static String payEventSig(Secret appKey, String event, String payload) {
        return Hmac.hex(appKey.reveal(), event + "&" + payload);
    }

    /** The 32-byte AES key of an EncodingAESKey. */
    static byte[] aesKey(Secret encodingAesKey) {
        byte[] key = Base64.getDecoder().decode(encodingAesKey.reveal() + "=");
        if (key.length != 32) {
            throw new IllegalArgumentException("the EncodingAESKey does not decode to 32 bytes");
        }
        return key;
    }

    /** The safe-mode {@code Encrypt} value of {@code message} for {@code appId}, with a fresh random prefix. */
    static String encrypt(Secret encodingAesKey, String appId, String message) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return encrypt(encodingAesKey, appId, message, random);
    }

    static String encrypt(Secret encodingAesKey, String appId, String message, byte[] random16) {
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] app = appId.getBytes(StandardCharsets.UTF_8);
        int plain = 16 + 4 + msg.length + app.length;
        int pad = 32 - plain % 32;
        ByteBuffer buf = ByteBuffer.allocate(plain + pad);
        buf.put(random16, 0, 16).putInt(msg.length).put(msg).put(app);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) pad);
        }
        byte[] key = aesKey(encodingAesKey);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(c.doFinal(buf.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }

    /** Lowercase hex. */
    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 15];
            out[2 * i + 1] = HEX[bytes[i] & 15];
        }
        return new String(out);
    }

    /** A random decimal nonce, as WeChat sends. */
    static String nonce() {
        return Long.toString(1_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000L);
    }

    /** A random alphanumeric string of {@code n} characters (echostr, ids). */
    static String randomText(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
