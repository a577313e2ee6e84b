package dev.midasbridge.core.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.PushCheck;
import dev.midasbridge.core.error.PushVerificationException;
import java.util.Base64;
import java.util.EnumSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PushChannelSecurityTest {
    /** The worked example of the message-push page (base-ability/message-push). */
    @Test
    void theOfficialUrlVerificationExample() {
        Secret token = Secret.of("AAAAA");
        assertEquals(
                "f464b24fc39322e44b38aa78f5edd27bd1441696",
                PushChannelSecurity.signature(token, "1714036504", "1514711492"));
        PushChannelSecurity.plain(token)
                .verifyUrlSignature("1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696");
    }

    /** An envelope of public.json, made by python3 + openssl enc -aes-256-cbc -nopad (push_vectors.py). */
    @Test
    void anEnvelopeMadeByOpensslOpens() {
        String key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        String made = PushChannelSecurity.encrypt(Secret.of(key), "wx5823bf96d3bd56c7", "x".repeat(26), new byte[16]);
        String byOpenssl =
                "sLR/n4SbHXvKAdlBki8FGEfv3tODPuXo83h9HzbDP3U69h5VId4eiuAhp6ZNBFLPMyDRf1D/KUOM0p4nyIFkq7u07lt2f1SRk"
                        + "pM6ZRyUQUbaC5sg6o5dV9mfqoCf27q4";
        assertEquals(byOpenssl, made, "public.json's message-ends-on-a-block-boundary (zero random prefix)");
        assertEquals("x".repeat(26), PushChannelSecurity.decrypt(Secret.of(key), "wx5823bf96d3bd56c7", byOpenssl));
        assertEquals(96, Base64.getDecoder().decode(made).length, "26 + 16 + 4 + 18 = 64 bytes, padded by 32");
    }

    @Property
    void whatIsSealedOpens(
            @ForAll("messages") String message,
            @ForAll("aesKeys") String encodingAesKey,
            @ForAll("appIds") String appId,
            @ForAll byte[] seed) {
        byte[] random = new byte[16];
        System.arraycopy(seed, 0, random, 0, Math.min(16, seed.length));
        String sealed = PushChannelSecurity.encrypt(Secret.of(encodingAesKey), appId, message, random);
        assertEquals(message, PushChannelSecurity.decrypt(Secret.of(encodingAesKey), appId, sealed));
        assertEquals(
                0, Base64.getDecoder().decode(sealed).length % PushChannelSecurity.PAD_BLOCK, "padded to 32 bytes");
    }

    @Property
    void anEnvelopeForAnotherAppidIsRefusedNamingTheAppid(
            @ForAll("messages") String message, @ForAll("aesKeys") String encodingAesKey) {
        String sealed =
                PushChannelSecurity.encrypt(Secret.of(encodingAesKey), "wxother0000000001", message, new byte[16]);
        PushVerificationException e = assertThrows(
                PushVerificationException.class,
                () -> PushChannelSecurity.decrypt(Secret.of(encodingAesKey), "wx5823bf96d3bd56c7", sealed));
        assertEquals(PushCheck.DECRYPT_APPID, e.check());
        assertTrue(e.getMessage().contains("appid") && e.getMessage().contains("pay_v2"), e.getMessage());
    }

    @Property
    void anotherKeyIsRefusedByThePaddingOrTheLength(
            @ForAll("messages") String message,
            @ForAll("aesKeys") String encodingAesKey,
            @ForAll("aesKeys") String otherKey) {
        if (otherKey.equals(encodingAesKey)) {
            return;
        }
        String sealed = PushChannelSecurity.encrypt(Secret.of(encodingAesKey), "wx1", message, new byte[16]);
        PushVerificationException e = assertThrows(
                PushVerificationException.class, () -> PushChannelSecurity.decrypt(Secret.of(otherKey), "wx1", sealed));
        assertTrue(
                EnumSet.of(PushCheck.DECRYPT_PADDING, PushCheck.DECRYPT_LENGTH, PushCheck.DECRYPT_APPID)
                        .contains(e.check()),
                e.getMessage());
        assertFalse(e.getMessage().contains(otherKey), "never the key");
    }

    @Property
    void oneBitFlippedInEncryptIsRefusedByMsgSignatureAndNeverOpensToTheSameMessage(
            @ForAll("messages") String message,
            @ForAll("aesKeys") String encodingAesKey,
            @ForAll @IntRange(min = 0, max = 100_000) int where) {
        PushChannelSecurity channel = PushChannelSecurity.safe(Secret.of("tok"), Secret.of(encodingAesKey), "wx1");
        String sealed = channel.encrypt(message);
        byte[] raw = Base64.getDecoder().decode(sealed);
        int bit = where % (raw.length * 8);
        raw[bit / 8] ^= (byte) (1 << (bit % 8));
        String tampered = Base64.getEncoder().encodeToString(raw);
        String msgSignature = channel.msgSignature("1700000000", "42", sealed);

        PushVerificationException e = assertThrows(
                PushVerificationException.class,
                () -> channel.verifyMsgSignature("1700000000", "42", tampered, msgSignature));
        assertEquals(PushCheck.MSG_SIGNATURE, e.check());
        try {
            assertNotEquals(message, channel.decrypt(tampered));
        } catch (PushVerificationException refused) {
            assertTrue(refused.check().name().startsWith("DECRYPT_"), refused.getMessage());
        }
    }

    @Test
    void badPaddingIsRefusedAsPadding() {
        // public.json's padding-zero: the padding bytes are 0
        PushVerificationException e = assertThrows(
                PushVerificationException.class,
                () -> PushChannelSecurity.decrypt(
                        Secret.of("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"),
                        "wx5823bf96d3bd56c7",
                        "sLR/n4SbHXvKAdlBki8FGLVJsPBkwr6pAYlfGSMYLqmwOsA0XNnE1ffjj1yoc0/ZeBwYLepJjqXT5Fjkgk1vBA=="));
        assertTrue(EnumSet.of(PushCheck.DECRYPT_PADDING).contains(e.check()), e.getMessage());
    }

    @Test
    void encryptThatIsNotWholeBlocksIsRefusedAsLength() {
        PushVerificationException e = assertThrows(
                PushVerificationException.class,
                () -> PushChannelSecurity.decrypt(
                        Secret.of("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"), "wx1", "AAAA"));
        assertEquals(PushCheck.DECRYPT_LENGTH, e.check());
        assertEquals(
                PushCheck.DECRYPT_LENGTH,
                assertThrows(
                                PushVerificationException.class,
                                () -> PushChannelSecurity.decrypt(
                                        Secret.of("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"), "wx1", "not base64!"))
                        .check());
    }

    @Test
    void aMalformedEncodingAesKeyIsAConfigurationErrorThatDoesNotShowTheKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PushChannelSecurity.safe(Secret.of("tok"), Secret.of("short-secret-key"), "wx1"));
        assertTrue(e.getMessage().contains("EncodingAESKey"), e.getMessage());
        assertFalse(e.getMessage().contains("short-secret-key"), e.getMessage());
    }

    @Property
    void urlAndMsgSignaturesVerifyAndOneChangedCharacterIsRefused(
            @ForAll("texts") String token,
            @ForAll("texts") String timestamp,
            @ForAll("texts") String nonce,
            @ForAll("texts") String encrypt,
            @ForAll @IntRange(min = 0, max = 3) int which) {
        PushChannelSecurity channel = PushChannelSecurity.plain(Secret.of(token));
        String sig = PushChannelSecurity.signature(Secret.of(token), timestamp, nonce);
        String msgSig = PushChannelSecurity.msgSignature(Secret.of(token), timestamp, nonce, encrypt);
        channel.verifyUrlSignature(timestamp, nonce, sig);
        channel.verifyMsgSignature(timestamp, nonce, encrypt, msgSig);

        String[] parts = {timestamp, nonce, encrypt, msgSig};
        parts[which] = changed(parts[which]);
        PushVerificationException e = assertThrows(
                PushVerificationException.class,
                () -> channel.verifyMsgSignature(parts[0], parts[1], parts[2], parts[3]));
        assertEquals(PushCheck.MSG_SIGNATURE, e.check());
        if (which < 2) {
            String[] url = {timestamp, nonce};
            url[which] = changed(url[which]);
            assertEquals(
                    PushCheck.URL_SIGNATURE,
                    assertThrows(PushVerificationException.class, () -> channel.verifyUrlSignature(url[0], url[1], sig))
                            .check());
        }
        assertEquals(
                PushCheck.URL_SIGNATURE,
                assertThrows(
                                PushVerificationException.class,
                                () -> PushChannelSecurity.plain(Secret.of(changed(token)))
                                        .verifyUrlSignature(timestamp, nonce, sig))
                        .check());
    }

    /** The string with its first character's lowest bit flipped. */
    static String changed(String s) {
        return (char) (s.charAt(0) ^ 1) + s.substring(1);
    }

    @Provide
    Arbitrary<String> messages() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange('0', 'z').ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> appIds() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(32);
    }

    @Provide
    Arbitrary<String> aesKeys() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> {
            String s = Base64.getEncoder().encodeToString(b);
            return s.substring(0, 43);
        });
    }
}
