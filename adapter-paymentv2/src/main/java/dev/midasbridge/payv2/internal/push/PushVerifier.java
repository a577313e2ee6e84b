package dev.midasbridge.payv2.internal.push;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.PushCheck;
import dev.midasbridge.core.error.PushVerificationException;
import dev.midasbridge.core.push.CapturedPush;
import dev.midasbridge.core.push.PayEventSignature;
import dev.midasbridge.core.push.PushChannelSecurity;
import dev.midasbridge.core.push.PushDiagnosis;
import dev.midasbridge.core.push.PushDiagnosis.Outcome;
import dev.midasbridge.core.push.PushDiagnosis.Step;
import dev.midasbridge.core.push.PushEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the checks of one push in order: BODY, URL_SIGNATURE, MSG_SIGNATURE, the DECRYPT_* checks (safe mode),
 * PAY_EVENT_SIG, PAYLOAD; keeps each outcome, stops at the first failure.
 */
public final class PushVerifier {
    private final PushChannelSecurity channel;
    private final PayEventSignature payEventSig;

    public PushVerifier(PushChannelSecurity channel, PayEventSignature payEventSig) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.payEventSig = Objects.requireNonNull(payEventSig, "PayEventSig keys");
    }

    /** The verified event, or the first failure. */
    public PushEvent verify(CapturedPush push) {
        Run run = new Run();
        run.go(push);
        if (run.failure != null) {
            throw run.failure;
        }
        return run.event;
    }

    /** Every check with its outcome. */
    public PushDiagnosis diagnose(CapturedPush push) {
        Run run = new Run();
        run.go(push);
        return new PushDiagnosis(run.steps, Optional.ofNullable(run.failure == null ? run.event : null));
    }

    /** URL verification (a GET with {@code echostr}): checks {@code signature} and returns {@code echostr}. */
    public String verifyUrl(CapturedPush push) {
        channel.verifyUrlSignature(
                push.param("timestamp").orElse(null),
                push.param("nonce").orElse(null),
                push.param("signature").orElse(null));
        return push.param("echostr")
                .orElseThrow(() -> PushVerificationException.of(PushCheck.URL_SIGNATURE, "echostr is missing"));
    }

    /** The answer sealed in a safe-mode envelope, in the request's format, with its timestamp and nonce. */
    public String sealAnswer(CapturedPush request, String answer) {
        String timestamp = request.param("timestamp").orElse(String.valueOf(System.currentTimeMillis() / 1000));
        String nonce = request.param("nonce").orElse("0");
        String encrypt = channel.encrypt(answer);
        String sig = channel.msgSignature(timestamp, nonce, encrypt);
        return Envelopes.answer(
                PushBody.formatOf(request.bodyText(), request.contentType().orElse(null)),
                encrypt,
                sig,
                timestamp,
                nonce);
    }

    private final class Run {
        final List<Step> steps = new ArrayList<>();
        final Set<PushCheck> done = EnumSet.noneOf(PushCheck.class);
        PushVerificationException failure;
        PushEvent event;

        void pass(PushCheck check, String detail) {
            steps.add(new Step(check, Outcome.PASSED, detail));
            done.add(check);
        }

        void notApplicable(PushCheck check, String detail) {
            steps.add(new Step(check, Outcome.NOT_APPLICABLE, detail));
            done.add(check);
        }

        void go(CapturedPush push) {
            PushCheck current = PushCheck.BODY;
            try {
                PushBody outer = PushBody.read(push.body(), push.contentType().orElse(null));
                String encrypt = outer.text("Encrypt");
                boolean safe = push.safeMode() || (encrypt != null && !outer.hasMiniGame());
                pass(PushCheck.BODY, outer.format() + " body" + (safe ? " with a safe-mode envelope" : ""));

                current = PushCheck.URL_SIGNATURE;
                Optional<String> signature = push.param("signature");
                if (signature.isPresent() || !safe) {
                    channel.verifyUrlSignature(
                            push.param("timestamp").orElse(null),
                            push.param("nonce").orElse(null),
                            signature.orElse(null));
                    pass(PushCheck.URL_SIGNATURE, "signature matches the push token");
                } else {
                    notApplicable(PushCheck.URL_SIGNATURE, "no signature in the query (safe mode)");
                }

                PushBody message = outer;
                current = PushCheck.MSG_SIGNATURE;
                if (safe) {
                    if (encrypt == null || encrypt.isEmpty()) {
                        throw PushVerificationException.body(
                                "Encrypt", 0, 0, "encrypt_type=aes but the body has no Encrypt");
                    }
                    channel.verifyMsgSignature(
                            push.param("timestamp").orElse(null),
                            push.param("nonce").orElse(null),
                            encrypt,
                            push.param("msg_signature").orElse(null));
                    pass(PushCheck.MSG_SIGNATURE, "msg_signature matches the push token and Encrypt");
                    if (!channel.safeMode()) {
                        current = PushCheck.DECRYPT_LENGTH;
                        throw PushVerificationException.body(
                                "Encrypt", 0, 0, "a safe-mode push, but no EncodingAESKey is configured");
                    }
                    current = PushCheck.DECRYPT_LENGTH;
                    String plain = channel.decrypt(encrypt);
                    pass(PushCheck.DECRYPT_LENGTH, "Encrypt holds whole AES blocks and a length that fits");
                    pass(PushCheck.DECRYPT_PADDING, "PKCS#7 padding (block 32) is valid");
                    pass(
                            PushCheck.DECRYPT_APPID,
                            "the envelope names appid " + channel.appId().orElse(""));
                    current = PushCheck.BODY;
                    message = PushBody.read(plain, PushBody.formatOf(plain, null));
                    steps.add(new Step(PushCheck.BODY, Outcome.PASSED, "decrypted message is " + message.format()));
                } else {
                    notApplicable(PushCheck.MSG_SIGNATURE, "plain mode");
                    notApplicable(PushCheck.DECRYPT_LENGTH, "plain mode");
                    notApplicable(PushCheck.DECRYPT_PADDING, "plain mode");
                    notApplicable(PushCheck.DECRYPT_APPID, "plain mode");
                }

                current = PushCheck.BODY;
                String eventName = message.text("Event");
                if (!message.hasMiniGame() || message.miniGame().get("Payload") == null) {
                    throw PushVerificationException.body(
                            "MiniGame.Payload",
                            0,
                            0,
                            "missing: not a payment event"
                                    + (eventName == null ? "" : " (Event \"" + eventName + "\")"));
                }
                if (eventName == null || eventName.isEmpty()) {
                    throw PushVerificationException.body("Event", 0, 0, "missing");
                }
                Object payloadValue = message.miniGame().get("Payload");
                if (!(payloadValue instanceof String payload)) {
                    throw PushVerificationException.body(
                            "MiniGame.Payload",
                            0,
                            0,
                            PayloadReader.describe(payloadValue) + ": must be a string (the JSON text that is signed)");
                }
                boolean mock = isMock(message.miniGame().get("IsMock"));
                Object sigValue = message.miniGame().get("PayEventSig");
                String sig = sigValue instanceof String s ? s : null;

                current = PushCheck.PAY_EVENT_SIG;
                Map<String, Object> payloadObject = null;
                Optional<Environment> env = Optional.empty();
                try {
                    payloadObject = PayloadReader.object(payload);
                    env = PayloadReader.env(payloadObject);
                } catch (PushVerificationException notJson) {
                    // the signature is checked first; the payload's shape is reported by PAYLOAD
                }
                Environment signedEnv;
                if (env.isPresent()) {
                    payEventSig.verify(env.get(), eventName, payload, sig);
                    signedEnv = env.get();
                } else {
                    if (sig == null || sig.isEmpty()) {
                        throw PushVerificationException.of(PushCheck.PAY_EVENT_SIG, "MiniGame.PayEventSig is missing");
                    }
                    signedEnv = payEventSig
                            .signedBy(eventName, payload, sig)
                            .orElseThrow(() -> PushVerificationException.of(
                                    PushCheck.PAY_EVENT_SIG,
                                    "MiniGame.PayEventSig matches neither the production nor the sandbox AppKey"
                                            + " (the payload has no valid Env)"));
                }
                pass(
                        PushCheck.PAY_EVENT_SIG,
                        "PayEventSig matches the " + signedEnv.name().toLowerCase(java.util.Locale.ROOT) + " AppKey");

                current = PushCheck.PAYLOAD;
                event = PayloadReader.event(eventName, payload, mock, signedEnv);
                pass(
                        PushCheck.PAYLOAD,
                        event.getClass().getSimpleName() + " " + event.dedupKey()
                                + (mock ? " (IsMock: answer, do not deliver)" : ""));
            } catch (PushVerificationException e) {
                failure = e;
                steps.add(new Step(e.check(), Outcome.FAILED, e.getMessage()));
                done.add(e.check());
                done.add(current);
                for (PushCheck c : PushCheck.values()) {
                    if (!done.contains(c)) {
                        steps.add(new Step(c, Outcome.SKIPPED, "not run: an earlier check failed"));
                    }
                }
            }
        }
    }

    private static boolean isMock(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (t.equalsIgnoreCase("true") || t.equals("1")) {
                return true;
            }
            if (t.isEmpty() || t.equalsIgnoreCase("false") || t.equals("0")) {
                return false;
            }
        }
        if (v instanceof JsonTree.Num n) {
            return !"0".equals(n.text());
        }
        if (v == null) {
            return false;
        }
        throw PushVerificationException.body(
                "MiniGame.IsMock", 0, 0, PayloadReader.describe(v) + ": must be a boolean");
    }
}
