package dev.midasbridge.payv2;

import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.error.PushVerificationException;
import dev.midasbridge.core.push.CapturedPush;
import dev.midasbridge.core.push.PayEventSignature;
import dev.midasbridge.core.push.PushChannelSecurity;
import dev.midasbridge.core.push.PushDiagnosis;
import dev.midasbridge.core.push.PushEvent;
import dev.midasbridge.payv2.internal.push.PushVerifier;
import java.util.Objects;

/**
 * Reads and verifies pay_v2 pushes arriving at the game's message-push URL: the body (JSON, or XML read with DTDs and
 * external entities refused), URL {@code signature}, safe mode's {@code msg_signature} and AES envelope,
 * {@code PayEventSig} with the AppKey of the payload's {@code Env}, and the payload's fields. Thread-safe.
 */
public final class PayV2Push {
    private final PushVerifier verifier;

    private PayV2Push(PushVerifier verifier) {
        this.verifier = verifier;
    }

    /** With the pay_v2 AppKeys of {@code config} and the push channel's token (and safe-mode key). */
    public static PayV2Push create(PayV2Config config, PushChannelSecurity channel) {
        return create(config.credentials(), channel);
    }

    /** With the AppKeys of {@code payV2} (pay_v2 credentials) and the push channel's token (and safe-mode key). */
    public static PayV2Push create(ApiCredentials payV2, PushChannelSecurity channel) {
        return create(PayEventSignature.of(payV2), channel);
    }

    /** With explicit PayEventSig keys and channel security. */
    public static PayV2Push create(PayEventSignature keys, PushChannelSecurity channel) {
        return new PayV2Push(new PushVerifier(
                Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(keys, "PayEventSig keys")));
    }

    /**
     * The verified event of {@code push}; throws {@link PushVerificationException} naming the first check that failed
     * (a push that is not a payment event fails {@code BODY} with field {@code MiniGame.Payload}).
     */
    public PushEvent verify(CapturedPush push) {
        return verifier.verify(push);
    }

    /** Every check of {@code push} with its outcome, and the event when all passed; never throws for bad input. */
    public PushDiagnosis diagnose(CapturedPush push) {
        return verifier.diagnose(push);
    }

    /**
     * URL verification (the GET WeChat sends when the push URL is configured): checks {@code signature} and returns
     * {@code echostr}, the body to answer with.
     */
    public String verifyUrl(CapturedPush push) {
        return verifier.verifyUrl(push);
    }

    /**
     * {@code answer} (e.g. {@link PushEvent#SUCCESS_ANSWER}) sealed in a safe-mode envelope ({@code Encrypt},
     * {@code MsgSignature}, {@code TimeStamp}, {@code Nonce}) in the format of {@code request}, reusing its timestamp
     * and nonce. Needs the EncodingAESKey.
     */
    public String sealAnswer(CapturedPush request, String answer) {
        return verifier.sealAnswer(request, answer);
    }

    @Override
    public String toString() {
        return "PayV2Push";
    }
}
