package dev.midasbridge.midas.v1.internal.sign;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.ConstantTime;
import dev.midasbridge.midas.v1.internal.wire.MidasV1Request;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Signs midas 1.0 requests (API.md section 4): {@code sig} with the midas AppKey over the sorted body parameters
 * plus {@code org_loc}, {@code method} and {@code secret}; {@code mp_sig} with the player's session_key over the
 * same parameters plus {@code access_token} and {@code sig}. Values are signed as sent, not URL-encoded.
 */
public final class MidasV1Signer {
    private static final MidasV1Signer INSTANCE = new MidasV1Signer();

    private MidasV1Signer() {}

    /** The signer; it holds no state and is safe to share. */
    public static MidasV1Signer create() {
        return INSTANCE;
    }

    /** Both signatures of one request, computed from one sorted, encoded parameter list. */
    public record Signatures(String sig, String mpSig) {
        @Override
        public String toString() {
            return "Signatures[sig=" + sig + ", mp_sig=" + mpSig + "]";
        }
    }

    /**
     * {@code sig} for a call to {@code path} (e.g. {@code /cgi-bin/midas/sandbox/pay}) with body {@code params}
     * (every parameter sent except {@code sig} and {@code mp_sig}; values strings or integral numbers).
     */
    public String sig(String path, Map<String, ?> params, Secret appKey) {
        return new Canonical(params).sig(path, appKey);
    }

    /** {@code mp_sig}: {@code params} plus {@code access_token} and {@code sig}, keyed by the session_key. */
    public String mpSig(String path, Map<String, ?> params, String sig, Secret accessToken, Secret sessionKey) {
        return new Canonical(params).mpSig(path, sig, accessToken, sessionKey);
    }

    /** {@code sig} and {@code mp_sig} at once, sorting and encoding the parameters once. */
    public Signatures signBoth(
            String path, Map<String, ?> params, Secret appKey, Secret accessToken, Secret sessionKey) {
        Canonical c = new Canonical(params);
        String sig = c.sig(path, appKey);
        return new Signatures(sig, c.mpSig(path, sig, accessToken, sessionKey));
    }

    /**
     * {@code sig} of a wire record (its {@code sig}/{@code mp_sig} fields ignored): the fast path, equal to
     * {@link #sig(String, Map, Secret)} over {@code request.params()} but without the map or a sort.
     */
    public String sig(String path, MidasV1Request request, Secret appKey) {
        return RecordMessages.of(path, request).sig(appKey);
    }

    /** {@code mp_sig} of a wire record: the fast path of {@link #mpSig(String, Map, String, Secret, Secret)}. */
    public String mpSig(String path, MidasV1Request request, String sig, Secret accessToken, Secret sessionKey) {
        return RecordMessages.of(path, request).mpSig(sig, accessToken, sessionKey);
    }

    /** Both signatures of a wire record, its two messages written once: the fast path of {@link #signBoth}. */
    public Signatures signBoth(
            String path, MidasV1Request request, Secret appKey, Secret accessToken, Secret sessionKey) {
        return RecordMessages.of(path, request).both(appKey, accessToken, sessionKey);
    }

    /** The exact string {@link #sig} signs, with the AppKey masked: for diagnosis. */
    public String explainSig(String path, Map<String, ?> params) {
        return new String(new Canonical(params).sigMessage(path, Secret.MASK), UTF8);
    }

    /** The exact string {@link #mpSig} signs, with access token and session_key masked: for diagnosis. */
    public String explainMpSig(String path, Map<String, ?> params, String sig) {
        return new String(new Canonical(params).mpSigMessage(path, sig, Secret.MASK, Secret.MASK), UTF8);
    }

    /** Whether {@code claimed} is the right {@code sig}; compares in constant time. */
    public boolean verifySig(String path, Map<String, ?> params, Secret appKey, String claimed) {
        return ConstantTime.equals(sig(path, params, appKey), claimed);
    }

    /** Whether {@code claimed} is the right {@code mp_sig}; compares in constant time. */
    public boolean verifyMpSig(
            String path, Map<String, ?> params, String sig, Secret accessToken, Secret sessionKey, String claimed) {
        return ConstantTime.equals(mpSig(path, params, sig, accessToken, sessionKey), claimed);
    }

    private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;
    private static final byte[] ORG_LOC = "&org_loc=".getBytes(UTF8);
    private static final byte[] METHOD_SECRET = "&method=POST&secret=".getBytes(UTF8);
    private static final byte[] METHOD_SESSION_KEY = "&method=POST&session_key=".getBytes(UTF8);
    private static final byte[] ACCESS_TOKEN = "access_token".getBytes(UTF8);
    private static final byte[] SIG = "sig".getBytes(UTF8);

    /** midas 1.0's parameter names, encoded once; any other name is encoded when it is met. */
    private static final java.util.Map<String, byte[]> NAMES;

    static {
        java.util.Map<String, byte[]> m = new java.util.HashMap<>();
        for (String n : new String[] {
            "appid",
            "offer_id",
            "openid",
            "pf",
            "ts",
            "zone_id",
            "user_ip",
            "amt",
            "bill_no",
            "pay_item",
            "app_remark",
            "present_counts"
        }) {
            m.put(n, n.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        NAMES = java.util.Map.copyOf(m);
    }

    /** A whole number in plain decimal ASCII. */
    private static byte[] decimal(long n) {
        if (n >= 0 && n < 10) {
            return new byte[] {(byte) ('0' + n)};
        }
        return Long.toString(n).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The parameters sorted by name (ASCII order), each name and value rendered and UTF-8 encoded once. */
    private static final class Canonical {
        private final String[] names;
        private final byte[][] encodedNames;
        private final byte[][] values;
        private final int length;

        Canonical(Map<String, ?> params) {
            int n = params.size();
            names = new String[n];
            encodedNames = new byte[n][];
            values = new byte[n][];
            int i = 0;
            int total = 0;
            for (Map.Entry<String, ?> e : params.entrySet()) {
                String name = e.getKey();
                if (name.equals("sig") || name.equals("mp_sig") || name.equals("access_token")) {
                    throw new IllegalArgumentException(
                            "midas_v1 signs " + name + " separately: leave it out of the body parameters");
                }
                byte[] known = NAMES.get(name);
                byte[] nameBytes = known != null ? known : name.getBytes(UTF8);
                Object v = e.getValue();
                byte[] valueBytes = v instanceof String text
                        ? text.getBytes(UTF8)
                        : v instanceof Long number
                                ? decimal(number)
                                : render(name, v).getBytes(UTF8);
                int j = i++;
                while (j > 0 && names[j - 1].compareTo(name) > 0) {
                    names[j] = names[j - 1];
                    encodedNames[j] = encodedNames[j - 1];
                    values[j] = values[j - 1];
                    j--;
                }
                names[j] = name;
                encodedNames[j] = nameBytes;
                values[j] = valueBytes;
                total += nameBytes.length + valueBytes.length + 2;
            }
            length = total;
        }

        String sig(String path, Secret appKey) {
            return appKey.hmacSha256Hex(sigMessage(path, appKey.reveal()));
        }

        String mpSig(String path, String sig, Secret accessToken, Secret sessionKey) {
            return sessionKey.hmacSha256Hex(mpSigMessage(path, sig, accessToken.reveal(), sessionKey.reveal()));
        }

        byte[] sigMessage(String path, String appKey) {
            byte[] p = path.getBytes(UTF8);
            byte[] k = appKey.getBytes(UTF8);
            Out out = new Out(length + p.length + k.length + 32);
            for (int i = 0; i < names.length; i++) {
                out.pair(encodedNames[i], values[i]);
            }
            return out.tail(ORG_LOC, p, METHOD_SECRET, k);
        }

        byte[] mpSigMessage(String path, String sig, String accessToken, String sessionKey) {
            byte[] p = path.getBytes(UTF8);
            byte[] t = accessToken.getBytes(UTF8);
            byte[] s = java.util.Objects.requireNonNull(sig, "sig").getBytes(UTF8);
            byte[] k = sessionKey.getBytes(UTF8);
            Out out = new Out(length + p.length + t.length + s.length + k.length + 64);
            boolean tokenDone = false;
            boolean sigDone = false;
            for (int i = 0; i < names.length; i++) {
                if (!tokenDone && names[i].compareTo("access_token") > 0) {
                    out.pair(ACCESS_TOKEN, t);
                    tokenDone = true;
                }
                if (!sigDone && names[i].compareTo("sig") > 0) {
                    out.pair(SIG, s);
                    sigDone = true;
                }
                out.pair(encodedNames[i], values[i]);
            }
            if (!tokenDone) {
                out.pair(ACCESS_TOKEN, t);
            }
            if (!sigDone) {
                out.pair(SIG, s);
            }
            return out.tail(ORG_LOC, p, METHOD_SESSION_KEY, k);
        }
    }

    /** A growing byte buffer for {@code name=value&name=value...} followed by a fixed tail. */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void pair(byte[] name, byte[] value) {
            if (size > 0) {
                put((byte) '&');
            }
            put(name);
            put((byte) '=');
            put(value);
        }

        byte[] tail(byte[] a, byte[] b, byte[] c, byte[] d) {
            put(a);
            put(b);
            put(c);
            put(d);
            return size == buf.length ? buf : java.util.Arrays.copyOf(buf, size);
        }

        private void put(byte b) {
            ensure(1);
            buf[size++] = b;
        }

        private void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }
    }

    /** A parameter value as it is sent: text as is, numbers in plain decimal. */
    static String render(String name, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
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
}
