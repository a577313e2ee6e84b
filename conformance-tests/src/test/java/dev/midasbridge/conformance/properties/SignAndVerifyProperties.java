package dev.midasbridge.conformance.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2Format;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a verifier (the simulator, a diagnosing user) relies on: a signature the signer made verifies, and the same
 * signature with one character changed does not, in both versions and for all four signatures.
 */
class SignAndVerifyProperties {

    @Property(tries = 200)
    void v1SigVerifiesAndAOneCharacterChangeDoesNot(
            @ForAll("params") Map<String, Object> params,
            @ForAll("v1Paths") String path,
            @ForAll("keys") String key,
            @ForAll int where,
            @ForAll("hexShifts") int shift) {
        String sig = MidasV1Format.sig(path, params, Secret.of(key));

        assertTrue(MidasV1Format.verifySig(path, params, Secret.of(key), sig));
        assertFalse(MidasV1Format.verifySig(path, params, Secret.of(key), changeOneHexChar(sig, where, shift)));
    }

    @Property(tries = 200)
    void v1MpSigVerifiesAndAOneCharacterChangeDoesNot(
            @ForAll("params") Map<String, Object> params,
            @ForAll("v1Paths") String path,
            @ForAll("keys") String appKey,
            @ForAll("keys") String token,
            @ForAll("keys") String sessionKey,
            @ForAll int where,
            @ForAll("hexShifts") int shift) {
        String sig = MidasV1Format.sig(path, params, Secret.of(appKey));
        String mpSig = MidasV1Format.mpSig(path, params, sig, Secret.of(token), Secret.of(sessionKey));

        assertTrue(MidasV1Format.verifyMpSig(path, params, sig, Secret.of(token), Secret.of(sessionKey), mpSig));
        assertFalse(MidasV1Format.verifyMpSig(
                path, params, sig, Secret.of(token), Secret.of(sessionKey), changeOneHexChar(mpSig, where, shift)));
    }

    @Property(tries = 200)
    void v2PaySigVerifiesAndAOneCharacterChangeDoesNot(
            @ForAll("bodies") byte[] body,
            @ForAll("v2Paths") String path,
            @ForAll("keys") String key,
            @ForAll int where,
            @ForAll("hexShifts") int shift) {
        String paySig = PayV2Format.paySig(path, body, Secret.of(key));

        assertTrue(PayV2Format.verifyPaySig(path, body, Secret.of(key), paySig));
        assertFalse(PayV2Format.verifyPaySig(path, body, Secret.of(key), changeOneHexChar(paySig, where, shift)));
    }

    @Property(tries = 200)
    void v2SignatureVerifiesAndAOneCharacterChangeDoesNot(
            @ForAll("bodies") byte[] body,
            @ForAll("keys") String sessionKey,
            @ForAll int where,
            @ForAll("hexShifts") int shift) {
        String signature = PayV2Format.signature(body, Secret.of(sessionKey));

        assertTrue(PayV2Format.verifySignature(body, Secret.of(sessionKey), signature));
        assertFalse(
                PayV2Format.verifySignature(body, Secret.of(sessionKey), changeOneHexChar(signature, where, shift)));
    }

    /** {@code hex} with the character at {@code where} (modulo its length) replaced by another hex digit. */
    private static String changeOneHexChar(String hex, int where, int shift) {
        int i = Math.floorMod(where, hex.length());
        int digit = Character.digit(hex.charAt(i), 16);
        char other = Character.forDigit((digit + shift) % 16, 16);
        return hex.substring(0, i) + other + hex.substring(i + 1);
    }

    @Provide
    Arbitrary<Integer> hexShifts() {
        return Arbitraries.integers().between(1, 15);
    }

    @Provide
    Arbitrary<Map<String, Object>> params() {
        return Generators.v1Params();
    }

    @Provide
    Arbitrary<String> v1Paths() {
        return Generators.v1Paths();
    }

    @Provide
    Arbitrary<String> v2Paths() {
        return Generators.v2Paths();
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Generators.bodies();
    }

    @Provide
    Arbitrary<String> keys() {
        return Generators.keys();
    }
}
