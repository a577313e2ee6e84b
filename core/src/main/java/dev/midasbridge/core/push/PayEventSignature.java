package dev.midasbridge.core.push;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.ConstantTime;
import dev.midasbridge.core.error.PushCheck;
import dev.midasbridge.core.error.PushVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code PayEventSig = hex(HMAC-SHA256(AppKey, Event + "&" + Payload))}, where the AppKey is the pay_v2 AppKey of the
 * payload's {@code Env} (production or sandbox). Compares in constant time; never shows a key.
 */
public final class PayEventSignature {
    private final Secret productionAppKey;
    private final Secret sandboxAppKey;

    private PayEventSignature(Secret productionAppKey, Secret sandboxAppKey) {
        this.productionAppKey = Objects.requireNonNull(productionAppKey, "production AppKey");
        this.sandboxAppKey = Objects.requireNonNull(sandboxAppKey, "sandbox AppKey");
    }

    /** With the pay_v2 AppKeys of production and sandbox. */
    public static PayEventSignature of(Secret productionAppKey, Secret sandboxAppKey) {
        return new PayEventSignature(productionAppKey, sandboxAppKey);
    }

    /** With the AppKeys of {@code payV2}, which must be pay_v2 credentials. */
    public static PayEventSignature of(ApiCredentials payV2) {
        if (payV2.version() != ApiVersion.PAY_V2) {
            throw new IllegalArgumentException("PayEventSig is keyed by the pay_v2 AppKeys, got "
                    + payV2.version().label() + " credentials");
        }
        return new PayEventSignature(payV2.appKey(Environment.PRODUCTION), payV2.appKey(Environment.SANDBOX));
    }

    /** {@code hex(HMAC-SHA256(appKey, event + "&" + payload))}, lowercase. */
    public static String compute(Secret appKey, String event, String payload) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
        return appKey.hmacSha256Hex((event + "&" + payload).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code payEventSig} (hex, either case) is the signature of {@code event}/{@code payload}. */
    public static boolean matches(Secret appKey, String event, String payload, String payEventSig) {
        if (payEventSig == null) {
            return false;
        }
        return ConstantTime.equals(compute(appKey, event, payload), payEventSig.toLowerCase(Locale.ROOT));
    }

    /** The AppKey that signs pushes of {@code environment}. */
    public Secret appKey(Environment environment) {
        return environment == Environment.SANDBOX ? sandboxAppKey : productionAppKey;
    }

    /** The signature a push of {@code environment} carries. */
    public String sign(Environment environment, String event, String payload) {
        return compute(appKey(environment), event, payload);
    }

    /**
     * Checks {@code payEventSig}; throws {@link PushVerificationException} ({@link PushCheck#PAY_EVENT_SIG}) if it is
     * missing or wrong.
     */
    public void verify(Environment environment, String event, String payload, String payEventSig) {
        if (payEventSig == null || payEventSig.isEmpty()) {
            throw PushVerificationException.of(PushCheck.PAY_EVENT_SIG, "MiniGame.PayEventSig is missing");
        }
        if (!matches(appKey(environment), event, payload, payEventSig)) {
            throw PushVerificationException.of(
                    PushCheck.PAY_EVENT_SIG,
                    "MiniGame.PayEventSig does not match Event \"" + event + "\" and the Payload under the "
                            + environment.name().toLowerCase(Locale.ROOT) + " AppKey (Env "
                            + environment.payV2Env() + ")"
                            + (matches(appKey(other(environment)), event, payload, payEventSig)
                                    ? "; it matches the "
                                            + other(environment).name().toLowerCase(Locale.ROOT)
                                            + " AppKey: the payload's Env and the signing key disagree"
                                    : ""));
        }
    }

    /** The environment whose AppKey made {@code payEventSig}, if either did (for payloads without {@code Env}). */
    public Optional<Environment> signedBy(String event, String payload, String payEventSig) {
        if (matches(productionAppKey, event, payload, payEventSig)) {
            return Optional.of(Environment.PRODUCTION);
        }
        if (matches(sandboxAppKey, event, payload, payEventSig)) {
            return Optional.of(Environment.SANDBOX);
        }
        return Optional.empty();
    }

    private static Environment other(Environment e) {
        return e == Environment.SANDBOX ? Environment.PRODUCTION : Environment.SANDBOX;
    }

    @Override
    public String toString() {
        return "PayEventSignature[app_key=" + Secret.MASK + ", sandbox_app_key=" + Secret.MASK + "]";
    }
}
