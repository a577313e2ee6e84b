package dev.midasbridge.core.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PushCheck;
import dev.midasbridge.core.error.PushVerificationException;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PayEventSignatureTest {
    private static final String APP_KEY = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";

    /** public.json's unknown-event-empty-payload, computed with python3 hmac. */
    @Test
    void anIndependentlyComputedSignature() {
        assertEquals(expected(), PayEventSignature.compute(Secret.of(APP_KEY), "minigame_some_new_event", ""));
    }

    private static String expected() {
        // python3 -c 'import hmac,hashlib;print(hmac.new(b"zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u",
        //   b"minigame_some_new_event&",hashlib.sha256).hexdigest())'
        return "16ec4ca992d0839fb0797503141ed53c4f7c219367654d4a672e83e47dd1f94a";
    }

    @Property
    void whatIsSignedVerifiesWithTheKeyOfItsEnvironment(
            @ForAll("texts") String event,
            @ForAll("payloads") String payload,
            @ForAll("keys") String production,
            @ForAll("keys") String sandbox,
            @ForAll Environment env) {
        PayEventSignature keys = PayEventSignature.of(Secret.of(production), Secret.of(sandbox));
        String sig = keys.sign(env, event, payload);
        keys.verify(env, event, payload, sig);
        keys.verify(env, event, payload, sig.toUpperCase(java.util.Locale.ROOT));
        if (!production.equals(sandbox)) {
            assertEquals(Optional.of(env), keys.signedBy(event, payload, sig));
        }
    }

    @Property
    void oneChangeToPayloadEventSignatureOrKeyIsRefused(
            @ForAll("texts") String event,
            @ForAll("payloads") String payload,
            @ForAll("keys") String key,
            @ForAll @IntRange(min = 0, max = 3) int which,
            @ForAll @IntRange(min = 0, max = 10_000) int where) {
        String sig = PayEventSignature.compute(Secret.of(key), event, payload);
        String e2 = event;
        String p2 = payload;
        String s2 = sig;
        String k2 = key;
        switch (which) {
            case 0 -> p2 = payload.isEmpty() ? "x" : flip(payload, where);
            case 1 -> e2 = flip(event, where);
            case 2 -> s2 = flip(sig, where);
            default -> k2 = flip(key, where);
        }
        PayEventSignature keys = PayEventSignature.of(Secret.of(k2), Secret.of(k2));
        String fe = e2;
        String fp = p2;
        String fs = s2;
        PushVerificationException e =
                assertThrows(PushVerificationException.class, () -> keys.verify(Environment.PRODUCTION, fe, fp, fs));
        assertEquals(PushCheck.PAY_EVENT_SIG, e.check());
        assertEquals(ErrorKind.PUSH_REFUSED, e.kind());
        assertTrue(e.getMessage().startsWith("pay_v2 push: PAY_EVENT_SIG"), e.getMessage());
        assertFalse(e.getMessage().contains(key) || e.getMessage().contains(k2), "never the AppKey");
    }

    @Test
    void aPushSignedWithTheOtherEnvironmentsKeySaysSo() {
        PayEventSignature keys = PayEventSignature.of(Secret.of("prod-key"), Secret.of("sandbox-key"));
        String sig = keys.sign(Environment.SANDBOX, "e", "{\"Env\":0}");
        PushVerificationException e = assertThrows(
                PushVerificationException.class, () -> keys.verify(Environment.PRODUCTION, "e", "{\"Env\":0}", sig));
        assertTrue(e.getMessage().contains("matches the sandbox AppKey"), e.getMessage());
        assertThrows(PushVerificationException.class, () -> keys.verify(Environment.PRODUCTION, "e", "{}", null));
    }

    /** {@code s} with the lowest bit of one character (chosen by {@code where}) flipped; hex stays a different text. */
    static String flip(String s, int where) {
        int i = where % s.length();
        return s.substring(0, i) + (char) (s.charAt(i) ^ 1) + s.substring(i + 1);
    }

    @Provide
    Arbitrary<String> payloads() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings()
                .withCharRange('!', '\uD7FF')
                .ofMinLength(24)
                .ofMaxLength(64);
    }
}
