package dev.midasbridge.midas.v1.sign;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.ConstantTime;
import dev.midasbridge.core.crypto.HmacSha256;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Signs midas 1.0 requests (API.md section 4): {@code sig} with the midas AppKey over the sorted body parameters
 * plus {@code org_loc}, {@code method} and {@code secret}; {@code mp_sig} with the player's session_key over the
 * same parameters plus {@code access_token} and {@code sig}. Values are signed as sent, not URL-encoded.
 */
public final class MidasV1Signer {
    private static final MidasV1Signer INSTANCE = new MidasV1Signer();

    private MidasV1Signer() {
    }

    /** The signer; it holds no state and is safe to share. */
    public static MidasV1Signer create() {
        return INSTANCE;
    }

    /**
     * {@code sig} for a call to {@code path} (e.g. {@code /cgi-bin/midas/sandbox/pay}) with body {@code params}
     * (every parameter sent except {@code sig} and {@code mp_sig}; values strings or integral numbers).
     */
    public String sig(String path, Map<String, ?> params, Secret appKey) {
        return HmacSha256.hex(appKey.utf8(), sigString(path, params, appKey.reveal()).getBytes(UTF8));
    }

    /** {@code mp_sig}: {@code params} plus {@code access_token} and {@code sig}, keyed by the session_key. */
    public String mpSig(String path, Map<String, ?> params, String sig, Secret accessToken, Secret sessionKey) {
        return HmacSha256.hex(sessionKey.utf8(),
                mpSigString(path, params, sig, accessToken.reveal(), sessionKey.reveal()).getBytes(UTF8));
    }

    /** The exact string {@link #sig} signs, with the AppKey masked: for diagnosis. */
    public String explainSig(String path, Map<String, ?> params) {
        return sigString(path, params, Secret.MASK);
    }

    /** The exact string {@link #mpSig} signs, with access token and session_key masked: for diagnosis. */
    public String explainMpSig(String path, Map<String, ?> params, String sig) {
        return mpSigString(path, params, sig, Secret.MASK, Secret.MASK);
    }

    /** Whether {@code claimed} is the right {@code sig}; compares in constant time. */
    public boolean verifySig(String path, Map<String, ?> params, Secret appKey, String claimed) {
        return ConstantTime.equals(sig(path, params, appKey), claimed);
    }

    /** Whether {@code claimed} is the right {@code mp_sig}; compares in constant time. */
    public boolean verifyMpSig(String path, Map<String, ?> params, String sig, Secret accessToken, Secret sessionKey,
            String claimed) {
        return ConstantTime.equals(mpSig(path, params, sig, accessToken, sessionKey), claimed);
    }

    private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;

    private static String sigString(String path, Map<String, ?> params, String appKey) {
        TreeMap<String, String> sorted = canonical(params);
        return join(sorted) + "&org_loc=" + path + "&method=POST&secret=" + appKey;
    }

    private static String mpSigString(String path, Map<String, ?> params, String sig, String accessToken,
            String sessionKey) {
        TreeMap<String, String> sorted = canonical(params);
        sorted.put("access_token", accessToken);
        sorted.put("sig", Objects.requireNonNull(sig, "sig"));
        return join(sorted) + "&org_loc=" + path + "&method=POST&session_key=" + sessionKey;
    }

    private static TreeMap<String, String> canonical(Map<String, ?> params) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, ?> e : params.entrySet()) {
            String name = e.getKey();
            if (name.equals("sig") || name.equals("mp_sig") || name.equals("access_token")) {
                throw new IllegalArgumentException(
                        "midas_v1 signs " + name + " separately: leave it out of the body parameters");
            }
            sorted.put(name, render(name, e.getValue()));
        }
        return sorted;
    }

    /** A parameter value as it is sent: text as is, numbers in plain decimal. */
    static String render(String name, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            try {
                return d.toBigIntegerExact().toString();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name + " " + n + ": midas_v1 parameters are text or whole numbers");
            }
        }
        throw new IllegalArgumentException(name + ": midas_v1 parameters are text or whole numbers, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static String join(TreeMap<String, String> sorted) {
        StringBuilder sb = new StringBuilder(256);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
