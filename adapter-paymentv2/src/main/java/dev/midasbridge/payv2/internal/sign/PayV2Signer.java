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
    /** Per thread, where the pay_sig message is assembled. */
    private static final ThreadLocal<Message> MESSAGE = ThreadLocal.withInitial(Message::new);

    private static final class Message {
        byte[] buf = new byte[2048];
        String path;
        int prefix;

        void ensure(int n) {
            if (buf.length < n) {
                buf = java.util.Arrays.copyOf(buf, Math.max(n, 2 * buf.length));
            }
        }
    }

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
        // path, '&' and body written into this thread's buffer and signed in one update: the bytes of paySigMessage.
        // The buffer keeps "path&" of the last path (the same String object, e.g. a constant) at its start.
        Message m = MESSAGE.get();
        if (m.path != path) {
            byte[] p = path.getBytes(StandardCharsets.UTF_8);
            m.ensure(p.length + 1);
            System.arraycopy(p, 0, m.buf, 0, p.length);
            m.buf[p.length] = AMP[0];
            m.prefix = p.length + 1;
            m.path = path;
        }
        m.ensure(m.prefix + body.length);
        System.arraycopy(body, 0, m.buf, m.prefix, body.length);
        int size = m.prefix + body.length;
        byte[] buf = m.buf;
        Mac mac = appKey.hmacSha256();
        mac.update(buf, 0, size);
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
