package dev.midasbridge.midas.v1;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.midas.v1.internal.sign.MidasV1Signer;
import dev.midasbridge.midas.v1.internal.wire.MidasV1Request;
import dev.midasbridge.midas.v1.internal.wire.MidasV1Wire;
import java.util.List;
import java.util.Map;

/**
 * midas 1.0's wire format and signatures, for tools (sign, translate, verify, conformance, benchmarks): paths, the
 * body parameters of an operation, a received body read back into the domain, and {@code sig} / {@code mp_sig}
 * (API.md section 4) with the exact strings they sign. Everything the gateway itself needs beyond this stays
 * internal to the adapter.
 */
public final class MidasV1Format {
    /** midas 1.0's endpoints (it has no order query). */
    public static final List<String> ENDPOINTS = List.of("getbalance", "pay", "cancelpay", "present");

    private static final MidasV1Signer SIGNER = MidasV1Signer.create();

    private final MidasV1Wire wire;

    private MidasV1Format(MidasV1Wire wire) {
        this.wire = wire;
    }

    /** The body builder for a game: {@code appid}, the 1.0 {@code offer_id} and {@code pf} (e.g. "android"). */
    public static MidasV1Format forGame(String appId, String offerId, String pf) {
        return new MidasV1Format(MidasV1Wire.create(appId, offerId, pf));
    }

    /**
     * The body parameters {@code envelope} is sent as, without {@code sig}/{@code mp_sig}: in the order they are
     * sent, values String or Long, optional ones only when present.
     *
     * @throws InvalidInputException for what midas 1.0 cannot express, naming field, rule and version
     */
    public Map<String, Object> params(Envelope<?> envelope) {
        return wire.toRequestBody(envelope);
    }

    /**
     * A received midas 1.0 body read into the domain, strictly (text fields JSON strings, numbers whole;
     * {@code sig}/{@code mp_sig} ignored, any other unknown field rejected).
     *
     * @param sandbox whether it was sent to a {@code /cgi-bin/midas/sandbox/} path
     * @throws InvalidInputException naming the field, the rule and midas_v1
     */
    public static Envelope<?> parse(String endpoint, Map<String, ?> body, boolean sandbox) {
        return MidasV1Wire.fromRequestBody(endpoint, body, sandbox);
    }

    /** {@code /cgi-bin/midas/<endpoint>}, or {@code /cgi-bin/midas/sandbox/<endpoint>} for the sandbox. */
    public static String path(String endpoint, Environment environment) {
        return MidasV1Wire.path(endpoint, environment);
    }

    /** Both signatures of one request. */
    public record Signatures(String sig, String mpSig) {
        @Override
        public String toString() {
            return "Signatures[sig=" + sig + ", mp_sig=" + mpSig + "]";
        }
    }

    /** {@code sig} for a call to {@code path} with body {@code params} (every parameter sent but sig and mp_sig). */
    public static String sig(String path, Map<String, ?> params, Secret appKey) {
        return SIGNER.sig(path, params, appKey);
    }

    /** {@code mp_sig}: {@code params} plus {@code access_token} and {@code sig}, keyed by the session_key. */
    public static String mpSig(String path, Map<String, ?> params, String sig, Secret accessToken, Secret sessionKey) {
        return SIGNER.mpSig(path, params, sig, accessToken, sessionKey);
    }

    /** {@code sig} and {@code mp_sig} at once, sorting and encoding the parameters once. */
    public static Signatures signBoth(
            String path, Map<String, ?> params, Secret appKey, Secret accessToken, Secret sessionKey) {
        MidasV1Signer.Signatures s = SIGNER.signBoth(path, params, appKey, accessToken, sessionKey);
        return new Signatures(s.sig(), s.mpSig());
    }

    /**
     * {@code sig} and {@code mp_sig} of {@code envelope} as this format sends it, to its path: both messages written
     * in one pass from the wire record (no parameter map, no sort). Equal to {@link #signBoth(String, Map, Secret,
     * Secret, Secret)} over {@link #params} and {@link #path}.
     *
     * @throws InvalidInputException for what midas 1.0 cannot express, as {@link #params}
     */
    public Signatures signBoth(Envelope<?> envelope, Secret appKey, Secret accessToken, Secret sessionKey) {
        MidasV1Request request = wire.toRequest(envelope);
        String path = MidasV1Wire.path(request.endpoint(), envelope.environment());
        MidasV1Signer.Signatures s = SIGNER.signBoth(path, request, appKey, accessToken, sessionKey);
        return new Signatures(s.sig(), s.mpSig());
    }

    /** The exact string {@link #sig} signs, the AppKey masked. */
    public static String explainSig(String path, Map<String, ?> params) {
        return SIGNER.explainSig(path, params);
    }

    /** The exact string {@link #mpSig} signs, access token and session_key masked. */
    public static String explainMpSig(String path, Map<String, ?> params, String sig) {
        return SIGNER.explainMpSig(path, params, sig);
    }

    /** Whether {@code claimed} is the right {@code sig} (constant-time). */
    public static boolean verifySig(String path, Map<String, ?> params, Secret appKey, String claimed) {
        return SIGNER.verifySig(path, params, appKey, claimed);
    }

    /** Whether {@code claimed} is the right {@code mp_sig} (constant-time). */
    public static boolean verifyMpSig(
            String path, Map<String, ?> params, String sig, Secret accessToken, Secret sessionKey, String claimed) {
        return SIGNER.verifyMpSig(path, params, sig, accessToken, sessionKey, claimed);
    }
}
