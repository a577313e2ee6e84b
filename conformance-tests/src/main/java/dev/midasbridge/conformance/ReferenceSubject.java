package dev.midasbridge.conformance;

import dev.midasbridge.conformance.translation.Translation;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.order.OrderNoRules;
import dev.midasbridge.core.push.PayEventSignature;
import dev.midasbridge.core.push.PushChannelSecurity;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2ClientPayments;
import dev.midasbridge.payv2.PayV2Format;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * midas-bridge's own implementation as a subject: {@link MidasV1Format}, {@link PayV2Format}, {@link OrderNoRules}
 * and {@link Translation}. A vector it cannot work on is answered with {@code error}, never by throwing.
 */
final class ReferenceSubject implements Subject {
    static final ReferenceSubject INSTANCE = new ReferenceSubject();

    private ReferenceSubject() {}

    @Override
    public String name() {
        return "midas-bridge";
    }

    @Override
    public Map<String, Object> answer(Map<String, Object> vector) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Optional<Kind> kind = Kind.named(vector.get("kind"));
            if (kind.isEmpty()) {
                out.put(
                        "error",
                        "kind " + JsonValues.show(vector.get("kind")) + ": midas-bridge knows " + Kind.names());
                return out;
            }
            switch (kind.get()) {
                case MIDAS_V1_SIGN -> signV1(vector, out);
                case PAY_V2_SIGN -> signV2(vector, out);
                case ORDER_NO -> orderNo(vector, out);
                case TRANSLATE -> translate(vector, out);
                case PAY_EVENT_SIG ->
                    out.put(
                            "pay_event_sig",
                            PayEventSignature.compute(
                                    Secret.of(text(vector, "app_key")),
                                    text(vector, "event"),
                                    text(vector, "payload")));
                case PUSH_SIGNATURE -> pushSignature(vector, out);
                case PUSH_DECRYPT ->
                    out.put(
                            "message",
                            PushChannelSecurity.decrypt(
                                    Secret.of(text(vector, "encoding_aes_key")),
                                    text(vector, "appid"),
                                    text(vector, "encrypt")));
                case CLIENT_PAY_SIGN -> clientPaySign(vector, out);
            }
        } catch (PaymentException | IllegalArgumentException e) {
            out.clear();
            out.put("error", e.getMessage());
        }
        return out;
    }

    private void signV1(Map<String, Object> vector, Map<String, Object> out) {
        String uri = text(vector, "uri");
        Map<String, ?> params = object(vector, "params");
        String sig = MidasV1Format.sig(uri, params, Secret.of(text(vector, "app_key")));
        out.put("sig", sig);
        if (vector.get("access_token") instanceof String token && vector.get("session_key") instanceof String key) {
            out.put("mp_sig", MidasV1Format.mpSig(uri, params, sig, Secret.of(token), Secret.of(key)));
        }
    }

    private void signV2(Map<String, Object> vector, Map<String, Object> out) {
        String uri = text(vector, "uri");
        byte[] body = text(vector, "body").getBytes(StandardCharsets.UTF_8);
        if (vector.get("app_key") instanceof String key) {
            out.put("pay_sig", PayV2Format.paySig(uri, body, Secret.of(key)));
        }
        if (vector.get("session_key") instanceof String key) {
            out.put("signature", PayV2Format.signature(body, Secret.of(key)));
        }
    }

    private static void pushSignature(Map<String, Object> vector, Map<String, Object> out) {
        Secret token = Secret.of(text(vector, "token"));
        String timestamp = text(vector, "timestamp");
        String nonce = text(vector, "nonce");
        out.put(
                "signature",
                vector.containsKey("encrypt")
                        ? PushChannelSecurity.msgSignature(token, timestamp, nonce, text(vector, "encrypt"))
                        : PushChannelSecurity.signature(token, timestamp, nonce));
    }

    private static void clientPaySign(Map<String, Object> vector, Map<String, Object> out) {
        String api = text(vector, "api");
        String signData = text(vector, "sign_data");
        if (vector.get("app_key") instanceof String key) {
            out.put("pay_sig", PayV2ClientPayments.paySig(Secret.of(key), api, signData));
        }
        if (vector.get("session_key") instanceof String key) {
            out.put("signature", PayV2ClientPayments.signature(Secret.of(key), signData));
        }
    }

    private static void orderNo(Map<String, Object> vector, Map<String, Object> out) {
        String value = text(vector, "value");
        out.put("midas_v1", OrderNoRules.isValid(value, ApiVersion.MIDAS_V1));
        out.put("pay_v2", OrderNoRules.isValid(value, ApiVersion.PAY_V2));
    }

    private static void translate(Map<String, Object> vector, Map<String, Object> out) {
        Translation.Request request = Translation.Request.of(
                text(vector, "endpoint"), object(vector, "v1"), flag(vector, "sandbox"), text(vector, "v2_offer_id"));
        if (vector.containsKey("refund_bill_no") || vector.containsKey("amount")) {
            request = request.withRefund(text(vector, "refund_bill_no"), wholeNumber(vector, "amount"));
        }
        out.put("v2", Translation.translate(request).v2());
    }

    private static boolean flag(Map<String, ?> vector, String key) {
        if (vector.get(key) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(
                "input \"" + key + "\": must be true or false, found " + JsonValues.typeOf(vector.get(key)));
    }

    private static long wholeNumber(Map<String, ?> vector, String key) {
        if (JsonValues.isWholeNumber(vector.get(key))) {
            return ((Number) vector.get(key)).longValue();
        }
        throw new IllegalArgumentException(
                "input \"" + key + "\": must be a whole number, found " + JsonValues.typeOf(vector.get(key)));
    }

    static String text(Map<String, ?> vector, String key) {
        if (vector.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(
                "input \"" + key + "\": must be a string, found " + JsonValues.typeOf(vector.get(key)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, ?> vector, String key) {
        if (vector.get(key) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(
                "input \"" + key + "\": must be a JSON object, found " + JsonValues.typeOf(vector.get(key)));
    }
}
