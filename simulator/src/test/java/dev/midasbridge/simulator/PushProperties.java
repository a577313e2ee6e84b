package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.num;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The push channel's and the client check's signatures under any input, each against the tests' own JDK code: any
 * payload, any key, any message round-trips; one bit changed is refused.
 */
class PushProperties {
    private static Wire wire;

    @BeforeContainer
    static void start() {
        wire = Wire.start(StandInServer.Options.defaults().withAdmin(true));
    }

    @AfterContainer
    static void stop() {
        wire.close();
    }

    @Provide
    Arbitrary<String> encodingAesKeys() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .ofLength(43);
    }

    @Property(tries = 200)
    void payEventSigIsTheHmacOfEventAmpersandPayloadAndOneChangedCharacterChangesIt(
            @ForAll @StringLength(min = 1, max = 40) String appKey,
            @ForAll @StringLength(max = 60) String event,
            @ForAll @StringLength(max = 300) String payload,
            @ForAll @IntRange(min = 0, max = 10_000) int where) {
        String sig = PushCrypto.payEventSig(Secret.of(appKey), event, payload);
        assertEquals(TestHmac.hex(appKey, event + "&" + payload), sig);
        String changed = flipOneBit(payload.isEmpty() ? "x" : payload, where);
        if (!changed.equals(payload)) {
            assertNotEquals(sig, PushCrypto.payEventSig(Secret.of(appKey), event, changed));
        }
    }

    @Property(tries = 200)
    void theSha1SignatureIsOverTheSortedPartsAndOneChangedCharacterChangesIt(
            @ForAll @StringLength(min = 1, max = 32) String token,
            @ForAll @StringLength(max = 12) String timestamp,
            @ForAll @StringLength(max = 12) String nonce,
            @ForAll @StringLength(max = 200) String encrypt,
            @ForAll @IntRange(min = 0, max = 10_000) int where) {
        String[] parts = {token, timestamp, nonce, encrypt};
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        assertEquals(sha1(String.join("", sorted)), PushCrypto.sha1Signature(token, timestamp, nonce, encrypt));
        String changed = flipOneBit(token, where);
        assertNotEquals(
                PushCrypto.sha1Signature(token, timestamp, nonce, encrypt),
                PushCrypto.sha1Signature(changed, timestamp, nonce, encrypt));
    }

    @Property(tries = 200)
    void anyMessageSealedInTheEnvelopeOpensWithTheJdkAlone(
            @ForAll("encodingAesKeys") String encodingAesKey,
            @ForAll @StringLength(min = 1, max = 30) String appId,
            @ForAll @StringLength(max = 500) String message)
            throws Exception {
        String encrypt = PushCrypto.encrypt(Secret.of(encodingAesKey), appId, message);
        byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
        assertEquals(32, key.length);
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        byte[] plain = c.doFinal(Base64.getDecoder().decode(encrypt));
        assertEquals(0, plain.length % 32);
        int pad = plain[plain.length - 1];
        for (int i = plain.length - pad; i < plain.length; i++) {
            assertEquals(pad, plain[i]);
        }
        int len = ByteBuffer.wrap(plain, 16, 4).getInt();
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        assertEquals(msg.length, len);
        assertArrayEquals(msg, Arrays.copyOfRange(plain, 20, 20 + len));
        assertEquals(appId, new String(plain, 20 + len, plain.length - pad - 20 - len, StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> outTradeNos() {
        Arbitrary<Character> first = Arbitraries.chars()
                .range('0', '9')
                .range('a', 'z')
                .range('A', 'Z')
                .with('-', '|', '*', '@');
        Arbitrary<String> rest = Arbitraries.strings()
                .withCharRange('0', '9')
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withChars('-', '|', '*', '@', '_')
                .ofMaxLength(31);
        return net.jqwik.api.Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    @Property(tries = 60)
    void anyItemFormSignedWithAnySessionKeyPassesAndOneFlippedPaySigBitIsRefused(
            @ForAll @StringLength(max = 80) String attach,
            @ForAll("outTradeNos") String outTradeNo,
            @ForAll @IntRange(min = 1, max = 1_000_000) int quantity,
            @ForAll @StringLength(min = 1, max = 40) String sessionKey,
            @ForAll @IntRange(min = 0, max = 63) int bit) {
        wire.admin().rotateSessionKey(ALICE, Secret.of(sessionKey));
        Map<String, Object> data = ClientCheckTest.itemData();
        data.put("attach", attach);
        data.put("outTradeNo", outTradeNo);
        data.put("buyQuantity", quantity);
        String signData = ClientCheckTest.MAP.toJson(data);
        Map<String, Object> params =
                ClientCheckTest.signed(ClientCheckTest.GAME_ITEM, signData, Wire.V2_KEY, sessionKey);
        assertEquals(0, num(check(params), "errCode"));
        String paySig = (String) params.get("paySig");
        int digit = Character.digit(paySig.charAt(bit), 16) ^ 1;
        Map<String, Object> bad = new LinkedHashMap<>(params);
        bad.put("paySig", paySig.substring(0, bit) + Character.forDigit(digit, 16) + paySig.substring(bit + 1));
        assertEquals(-15014, num(check(bad), "errCode"));
        Map<String, Object> badSignature = new LinkedHashMap<>(params);
        String signature = (String) params.get("signature");
        int d2 = Character.digit(signature.charAt(bit), 16) ^ 8;
        badSignature.put(
                "signature", signature.substring(0, bit) + Character.forDigit(d2, 16) + signature.substring(bit + 1));
        assertEquals(-15012, num(check(badSignature), "errCode"));
    }

    private static Map<String, Object> check(Map<String, Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("openid", ALICE);
        body.put("params", params);
        return Wire.json(
                wire.post("/__client/" + ClientCheckTest.GAME_ITEM, Map.of(), ClientCheckTest.MAP.toJson(body)));
    }

    /** {@code s} with one bit of one UTF-16 unit changed (kept a valid, different string where possible). */
    private static String flipOneBit(String s, int where) {
        int i = where % s.length();
        char c = s.charAt(i);
        char d = (char) (c ^ (1 << (where % 7)));
        if (Character.isSurrogate(c) || Character.isSurrogate(d)) {
            d = c == 'a' ? 'b' : 'a';
        }
        return s.substring(0, i) + d + s.substring(i + 1);
    }

    private static String sha1(String text) {
        try {
            return TestHmac.hex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
