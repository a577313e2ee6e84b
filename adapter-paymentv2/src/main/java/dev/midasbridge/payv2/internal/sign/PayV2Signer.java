package dev.midasbridge.payv2.internal.sign;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.ConstantTime;
import dev.midasbridge.core.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * Signs pay_v2 requests (API.md section 4): {@code signature = HMAC(session_key, body)} and
 * {@code pay_sig = HMAC(AppKey, path + "&" + body)}, over the exact body bytes that are sent.
 */
public final class PayV2Signer {
    private static final PayV2Signer INSTANCE = new PayV2Signer();
    private static final byte[] AMP = {'&'};

    private PayV2Signer() {}

    /** The signer; it holds no state and is safe to share. */
    public static PayV2Signer create() {
        return INSTANCE;
    }

    /** {@code pay_sig} for a call to {@code path} (no query string, e.g. {@code /wxa/game/pay}) with {@code body}. */
    public String paySig(String path, byte[] body, Secret appKey) {
        if (path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("pay_sig signs the path without its query string: " + path);
        }
        // path, '&' and body fed to the Mac in turn: the same bytes as paySigMessage, without copying the body
        Mac mac = appKey.hmacSha256();
        mac.update(path.getBytes(StandardCharsets.UTF_8));
        mac.update(AMP[0]);
        mac.update(body);
        return HmacSha256.toHex(mac.doFinal());
    }

    /** {@code signature}: the player's session_key (used as is, not base64-decoded) over the body bytes. */
    public String signature(byte[] body, Secret sessionKey) {
        return sessionKey.hmacSha256Hex(body);
    }

    /** The exact text {@link #paySig} signs (path, '&', body); it holds no secret. */
    public String explainPaySig(String path, byte[] body) {
        return new String(paySigMessage(path, body), StandardCharsets.UTF_8);
    }

    /** The exact text {@link #signature} signs: the body. */
    public String explainSignature(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether {@code claimed} is the right {@code pay_sig}; compares in constant time. */
    public boolean verifyPaySig(String path, byte[] body, Secret appKey, String claimed) {
        return ConstantTime.equals(paySig(path, body, appKey), claimed);
    }

    /** Whether {@code claimed} is the right {@code signature}; compares in constant time. */
    public boolean verifySignature(byte[] body, Secret sessionKey, String claimed) {
        return ConstantTime.equals(signature(body, sessionKey), claimed);
    }

    private static byte[] paySigMessage(String path, byte[] body) {
        if (path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("pay_sig signs the path without its query string: " + path);
        }
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[p.length + 1 + body.length];
        System.arraycopy(p, 0, out, 0, p.length);
        out[p.length] = AMP[0];
        System.arraycopy(body, 0, out, p.length + 1, body.length);
        return out;
    }
}
