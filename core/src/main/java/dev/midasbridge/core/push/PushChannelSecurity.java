package dev.midasbridge.core.push;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.ConstantTime;
import dev.midasbridge.core.crypto.HmacSha256;
import dev.midasbridge.core.error.PushCheck;
import dev.midasbridge.core.error.PushVerificationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The security of WeChat's message-push channel: URL verification ({@code signature = sha1(sort(token, timestamp,
 * nonce))}), and in safe mode {@code msg_signature = sha1(sort(token, timestamp, nonce, Encrypt))} and the AES-256-CBC
 * envelope (key = Base64_Decode(EncodingAESKey + "="), IV = the key's first 16 bytes, PKCS#7 padding to 32 bytes,
 * plaintext = 16 random bytes + 4-byte big-endian length + message + appid). Token and EncodingAESKey are
 * {@link Secret}s; signatures compare in constant time.
 */
public final class PushChannelSecurity {
    /** The PKCS#7 block size of the envelope (WeChat pads to 32, not AES's 16). */
    public static final int PAD_BLOCK = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Secret token;
    private final Secret encodingAesKey;
    private final String appId;

    private PushChannelSecurity(Secret token, Secret encodingAesKey, String appId) {
        this.token = Objects.requireNonNull(token, "push token");
        this.encodingAesKey = encodingAesKey;
        this.appId = appId;
        if (encodingAesKey != null) {
            aesKey(encodingAesKey);
            if (appId == null || appId.isEmpty()) {
                throw new IllegalArgumentException("appid: safe mode needs the mini-game's appid");
            }
        }
    }

    /** Plain mode (明文模式): only the token, for URL verification. */
    public static PushChannelSecurity plain(Secret token) {
        return new PushChannelSecurity(token, null, null);
    }

    /** Safe mode (安全模式): token, the 43-character EncodingAESKey and the mini-game's appid. */
    public static PushChannelSecurity safe(Secret token, Secret encodingAesKey, String appId) {
        return new PushChannelSecurity(token, Objects.requireNonNull(encodingAesKey, "EncodingAESKey"), appId);
    }

    /** Whether an EncodingAESKey was given (safe-mode envelopes can be opened). */
    public boolean safeMode() {
        return encodingAesKey != null;
    }

    /** The appid envelopes must name (safe mode). */
    public Optional<String> appId() {
        return Optional.ofNullable(appId);
    }

    /** {@code hex(SHA-1(the parts sorted as strings and concatenated))}, lowercase: both channel signatures. */
    public static String sha1OfSorted(String... parts) {
        String[] sorted = parts.clone();
        for (String p : sorted) {
            Objects.requireNonNull(p, "signature part");
        }
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String p : sorted) {
                sha1.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HmacSha256.toHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** URL verification's {@code signature}. */
    public static String signature(Secret token, String timestamp, String nonce) {
        return sha1OfSorted(token.reveal(), timestamp, nonce);
    }

    /** Safe mode's {@code msg_signature}. */
    public static String msgSignature(Secret token, String timestamp, String nonce, String encrypt) {
        return sha1OfSorted(token.reveal(), timestamp, nonce, encrypt);
    }

    /** This channel's {@code msg_signature} of {@code encrypt} (e.g. for an encrypted answer). */
    public String msgSignature(String timestamp, String nonce, String encrypt) {
        return msgSignature(token, timestamp, nonce, encrypt);
    }

    /** Checks URL verification's {@code signature}; throws {@link PushCheck#URL_SIGNATURE} when missing or wrong. */
    public void verifyUrlSignature(String timestamp, String nonce, String signature) {
        requireParam(PushCheck.URL_SIGNATURE, "timestamp", timestamp);
        requireParam(PushCheck.URL_SIGNATURE, "nonce", nonce);
        requireParam(PushCheck.URL_SIGNATURE, "signature", signature);
        if (!ConstantTime.equals(signature(token, timestamp, nonce), signature.toLowerCase(Locale.ROOT))) {
            throw PushVerificationException.of(
                    PushCheck.URL_SIGNATURE,
                    "query signature does not match the push token with this timestamp and nonce");
        }
    }

    /** Checks safe mode's {@code msg_signature}; throws {@link PushCheck#MSG_SIGNATURE} when missing or wrong. */
    public void verifyMsgSignature(String timestamp, String nonce, String encrypt, String msgSignature) {
        requireParam(PushCheck.MSG_SIGNATURE, "timestamp", timestamp);
        requireParam(PushCheck.MSG_SIGNATURE, "nonce", nonce);
        requireParam(PushCheck.MSG_SIGNATURE, "msg_signature", msgSignature);
        requireParam(PushCheck.MSG_SIGNATURE, "Encrypt", encrypt);
        if (!ConstantTime.equals(
                msgSignature(token, timestamp, nonce, encrypt), msgSignature.toLowerCase(Locale.ROOT))) {
            throw PushVerificationException.of(
                    PushCheck.MSG_SIGNATURE,
                    "query msg_signature does not match the push token with this timestamp, nonce and Encrypt");
        }
    }

    private static void requireParam(PushCheck check, String name, String value) {
        if (value == null || value.isEmpty()) {
            throw PushVerificationException.of(check, name + " is missing");
        }
    }

    /** Opens a safe-mode envelope with this channel's EncodingAESKey and appid. */
    public String decrypt(String encrypt) {
        if (!safeMode()) {
            throw new IllegalStateException("no EncodingAESKey configured: safe-mode envelopes cannot be opened");
        }
        return decrypt(encodingAesKey, appId, encrypt);
    }

    /** Seals {@code message} in a safe-mode envelope (16 fresh random bytes). */
    public String encrypt(String message) {
        if (!safeMode()) {
            throw new IllegalStateException("no EncodingAESKey configured: safe-mode envelopes cannot be made");
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return encrypt(encodingAesKey, appId, message, random);
    }

    /**
     * Opens a safe-mode envelope. Throws {@link PushVerificationException}: {@link PushCheck#DECRYPT_LENGTH} (not
     * base64 of whole AES blocks, or a length field that does not fit), {@link PushCheck#DECRYPT_PADDING},
     * {@link PushCheck#DECRYPT_APPID}.
     */
    public static String decrypt(Secret encodingAesKey, String appId, String encrypt) {
        byte[] key = aesKey(encodingAesKey);
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypt == null ? "" : encrypt.strip());
        } catch (IllegalArgumentException e) {
            throw PushVerificationException.of(PushCheck.DECRYPT_LENGTH, "Encrypt is not base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw PushVerificationException.of(
                    PushCheck.DECRYPT_LENGTH,
                    "Encrypt decodes to " + cipherText.length + " bytes, not a whole number of 16-byte AES blocks");
        }
        byte[] plain = aes(Cipher.DECRYPT_MODE, key, cipherText);
        int pad = plain[plain.length - 1] & 0xff;
        boolean padOk = pad >= 1 && pad <= PAD_BLOCK && pad <= plain.length;
        for (int i = 0; padOk && i < pad; i++) {
            padOk = (plain[plain.length - 1 - i] & 0xff) == pad;
        }
        if (!padOk) {
            throw PushVerificationException.of(
                    PushCheck.DECRYPT_PADDING,
                    "the decrypted envelope does not end in PKCS#7 padding (block 32): wrong EncodingAESKey or"
                            + " a changed Encrypt");
        }
        int contentLength = plain.length - pad;
        if (contentLength < 20) {
            throw PushVerificationException.of(
                    PushCheck.DECRYPT_LENGTH,
                    "the decrypted envelope has " + contentLength + " bytes, fewer than 16 random + 4 length bytes");
        }
        long msgLength = ByteBuffer.wrap(plain, 16, 4).getInt() & 0xffffffffL;
        if (msgLength > contentLength - 20) {
            throw PushVerificationException.of(
                    PushCheck.DECRYPT_LENGTH,
                    "the envelope's length field says " + msgLength + " bytes but only " + (contentLength - 20)
                            + " follow");
        }
        int msgEnd = 20 + (int) msgLength;
        String message;
        try {
            message = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain, 20, (int) msgLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw PushVerificationException.of(PushCheck.DECRYPT_LENGTH, "the envelope's message is not UTF-8");
        }
        String named = new String(plain, msgEnd, contentLength - msgEnd, StandardCharsets.UTF_8);
        if (!named.equals(appId)) {
            throw PushVerificationException.of(
                    PushCheck.DECRYPT_APPID,
                    "the envelope names appid \"" + printable(named) + "\", expected \"" + appId + "\"");
        }
        return message;
    }

    /** Seals {@code message} for {@code appId}: base64(AES-256-CBC(random16 + length + message + appid + PKCS#7)). */
    public static String encrypt(Secret encodingAesKey, String appId, String message, byte[] random16) {
        byte[] key = aesKey(encodingAesKey);
        if (random16 == null || random16.length != 16) {
            throw new IllegalArgumentException("the envelope's random prefix must be 16 bytes");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = appId.getBytes(StandardCharsets.UTF_8);
        int contentLength = 20 + msg.length + id.length;
        int pad = PAD_BLOCK - (contentLength % PAD_BLOCK);
        ByteBuffer buf = ByteBuffer.allocate(contentLength + pad);
        buf.put(random16).putInt(msg.length).put(msg).put(id);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) pad);
        }
        return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, key, buf.array()));
    }

    /** The 32-byte AES key of a 43-character EncodingAESKey; the message never shows the key. */
    static byte[] aesKey(Secret encodingAesKey) {
        String text = encodingAesKey.reveal();
        byte[] key = null;
        if (text.length() == 43) {
            try {
                key = Base64.getDecoder().decode(text + "=");
            } catch (IllegalArgumentException e) {
                key = null;
            }
        }
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException(
                    "EncodingAESKey: must be 43 characters of base64 (A-Z a-z 0-9 + /) that decode, with \"=\","
                            + " to 32 bytes (it has " + text.length() + " characters)");
        }
        return key;
    }

    private static byte[] aes(int mode, byte[] key, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is missing from this JDK or refused the key", e);
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(64).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || cp == 0xfffd || cp == '"' || cp == '\\') {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    @Override
    public String toString() {
        return "PushChannelSecurity[token=" + Secret.MASK + (safeMode() ? ", encoding_aes_key=" + Secret.MASK : "")
                + (appId == null ? "" : ", appid=" + appId) + "]";
    }
}
