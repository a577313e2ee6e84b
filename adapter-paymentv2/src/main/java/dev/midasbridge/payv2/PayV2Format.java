package dev.midasbridge.payv2;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.payv2.internal.error.PayV2Errcodes;
import dev.midasbridge.payv2.internal.sign.PayV2Signer;
import dev.midasbridge.payv2.internal.wire.BalanceResponse;
import dev.midasbridge.payv2.internal.wire.PayV2Wire;
import java.util.List;
import java.util.Map;

/**
 * pay_v2's wire format and signatures, for tools (sign, translate, verify, conformance, benchmarks): paths, the body
 * of an operation serialized once into the exact bytes that are signed and sent, and {@code pay_sig} /
 * {@code signature} (API.md section 4) with the exact text they sign. Everything else stays internal to the adapter.
 */
public final class PayV2Format {
    /** The five endpoints, in the order API.md lists them. */
    public static final List<String> ENDPOINTS = PayV2Wire.ENDPOINTS;
    /** The {@code sig_method} query parameter every call sends. */
    public static final String SIG_METHOD = PayV2Gateway.SIG_METHOD;

    private static final PayV2Signer SIGNER = PayV2Signer.create();

    private final PayV2Wire wire;

    private PayV2Format(PayV2Wire wire) {
        this.wire = wire;
    }

    /** The body builder for the pay_v2 (2.0) {@code offer_id} every body carries. */
    public static PayV2Format forOffer(String offerId) {
        return new PayV2Format(PayV2Wire.forOffer(offerId));
    }

    /**
     * The body fields {@code envelope} is sent as, in their fixed order (offer_id, openid, ts, zone_id, env, the
     * endpoint's fields, user_ip when present); values String or Long.
     *
     * @throws InvalidInputException for a value pay_v2 forbids, naming field, rule and version
     */
    public Map<String, Object> fields(Envelope<?> envelope) {
        return wire.toRequestFields(envelope);
    }

    /** The exact body bytes {@code envelope} is sent (and signed) as: {@link #serialize} of {@link #fields}. */
    public byte[] body(Envelope<?> envelope) {
        return PayV2Wire.serialize(wire.toRequestFields(envelope));
    }

    /**
     * Serializes {@code fields} once into compact UTF-8 JSON, non-ASCII not escaped; values String or whole numbers.
     */
    public static byte[] serialize(Map<String, Object> fields) {
        return PayV2Wire.serialize(fields);
    }

    /**
     * A pay_v2 request body (as Moshi reads JSON: numbers Double) read into the domain, strictly: a field the
     * endpoint does not have, a missing required field, a wrong JSON type or a value pay_v2 forbids (such as a
     * {@code bill_no} beginning with {@code _}) is an {@link dev.midasbridge.core.error.InvalidInputException} naming
     * the field, the rule and pay_v2.
     */
    public static dev.midasbridge.core.operation.Envelope<?> parse(String endpoint, Map<String, ?> body) {
        return dev.midasbridge.payv2.internal.wire.PayV2Wire.fromRequestBody(endpoint, body);
    }

    /** {@code /wxa/game/<endpoint>}; throws for a name that is not a pay_v2 endpoint. */
    public static String path(String endpoint) {
        return PayV2Wire.path(endpoint);
    }

    /** {@code pay_sig} for a call to {@code path} (no query string) with {@code body}. */
    public static String paySig(String path, byte[] body, Secret appKey) {
        return SIGNER.paySig(path, body, appKey);
    }

    /** {@code signature}: the session_key (as is, not base64-decoded) over the body bytes. */
    public static String signature(byte[] body, Secret sessionKey) {
        return SIGNER.signature(body, sessionKey);
    }

    /** The exact text {@link #paySig} signs (path, '&amp;', body); it holds no secret. */
    public static String explainPaySig(String path, byte[] body) {
        return SIGNER.explainPaySig(path, body);
    }

    /** The exact text {@link #signature} signs: the body. */
    public static String explainSignature(byte[] body) {
        return SIGNER.explainSignature(body);
    }

    /** Whether {@code claimed} is the right {@code pay_sig} (constant-time). */
    public static boolean verifyPaySig(String path, byte[] body, Secret appKey, String claimed) {
        return SIGNER.verifyPaySig(path, body, appKey, claimed);
    }

    /** Whether {@code claimed} is the right {@code signature} (constant-time). */
    public static boolean verifySignature(byte[] body, Secret sessionKey, String claimed) {
        return SIGNER.verifySignature(body, sessionKey, claimed);
    }

    /**
     * The balance in a getbalance answer body.
     *
     * @throws PaymentException MALFORMED_RESPONSE for an unreadable answer, or the errcode's typed exception
     */
    public static Balance readBalance(String answer) {
        BalanceResponse r = PayV2Wire.parseResponse(BalanceResponse.class, answer);
        if (r.errcode() != 0) {
            throw PayV2Errcodes.TABLE.exception(r.errcode(), r.errmsg());
        }
        return PayV2Wire.toBalance(r);
    }
}
