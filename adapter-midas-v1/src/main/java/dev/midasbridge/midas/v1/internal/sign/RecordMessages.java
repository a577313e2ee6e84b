package dev.midasbridge.midas.v1.internal.sign;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.midas.v1.internal.wire.CancelPayRequest;
import dev.midasbridge.midas.v1.internal.wire.GetBalanceRequest;
import dev.midasbridge.midas.v1.internal.wire.MidasV1Request;
import dev.midasbridge.midas.v1.internal.wire.PayRequest;
import dev.midasbridge.midas.v1.internal.wire.PresentRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * The fast path of {@link MidasV1Signer}: both signed messages of a wire record, written in one pass into one
 * per-thread buffer. Each endpoint's parameter names are fixed, so their ASCII order is written out here once (no
 * map, no sort); values are UTF-8 encoded straight into the buffer, and the digests are hexed into one char array.
 *
 * <p>The buffer holds {@code name=value&...&org_loc=PATH&method=POST&} (the sorted body parameters, then the tail
 * both messages share). {@code sig} signs it followed by {@code secret=AppKey}, written behind it. {@code mp_sig}
 * adds {@code access_token} (first in ASCII order among midas 1.0's names) and {@code sig} (just before
 * {@code ts}, which every request has): {@code access_token=T&}, the buffer up to the {@code &} before {@code ts},
 * {@code &sig=S}, the rest of the buffer, then {@code session_key=K}, copied behind the buffer's content (array
 * copies within the one buffer), so that each Mac takes its message in one update. A property test checks it
 * against the general path for arbitrary records.
 */
final class RecordMessages {
    private static final byte[] A_ACCESS_TOKEN = bytes("access_token=");
    private static final byte[] A_SIG = bytes("&sig=");
    private static final byte[] A_SECRET = bytes("secret=");
    private static final byte[] A_SESSION_KEY = bytes("session_key=");
    private static final byte[] AMP = {'&'};
    private static final byte[] NONE = {};
    private static final byte[] HEX = bytes("0123456789abcdef");
    private static final byte[] ORG_LOC = bytes("&org_loc=");
    private static final byte[] METHOD = bytes("&method=POST&");

    private static final byte[] P_APPREMARK_AMP = bytes("&app_remark=");
    private static final byte[] P_APPID_AMP = bytes("&appid=");
    private static final byte[] P_BILLNO_AMP = bytes("&bill_no=");
    private static final byte[] P_OFFERID_AMP = bytes("&offer_id=");
    private static final byte[] P_OPENID_AMP = bytes("&openid=");
    private static final byte[] P_PAYITEM_AMP = bytes("&pay_item=");
    private static final byte[] P_PF_AMP = bytes("&pf=");
    private static final byte[] P_PRESENTCOUNTS_AMP = bytes("&present_counts=");
    private static final byte[] P_TS_AMP = bytes("&ts=");
    private static final byte[] P_USERIP_AMP = bytes("&user_ip=");
    private static final byte[] P_ZONEID_AMP = bytes("&zone_id=");
    private static final byte[] P_AMT = bytes("amt=");
    private static final byte[] P_APPID = bytes("appid=");

    private static final ThreadLocal<RecordMessages> PER_THREAD = ThreadLocal.withInitial(RecordMessages::new);

    private byte[] buf = new byte[1024];
    private int size;
    /** Where {@code &sig=...} goes in the mp_sig message: the offset of the {@code &} before {@code ts}. */
    private int sigAt;

    private final byte[] digest = new byte[32];
    private final byte[] hexBytes = new byte[64];

    private RecordMessages() {}

    /** This thread's instance, holding the messages of {@code request} to {@code path}. */
    static RecordMessages of(String path, MidasV1Request request) {
        RecordMessages m = PER_THREAD.get();
        m.write(path, request);
        return m;
    }

    /** {@code sig}: the buffer, then {@code secret=AppKey}, written after it and signed in one update. */
    String sig(Secret appKey) {
        int end = size;
        put(A_SECRET);
        ensure(appKey.utf8Length());
        appKey.copyUtf8(buf, size);
        size += appKey.utf8Length();
        Mac mac = appKey.hmacSha256();
        mac.update(buf, 0, size);
        size = end;
        return finish(mac);
    }

    /** {@code mp_sig} over the same parameters plus {@code access_token} and {@code sig}. */
    String mpSig(String sig, Secret accessToken, Secret sessionKey) {
        if (sig.length() == 64 && isAscii(sig)) {
            for (int i = 0; i < 64; i++) {
                hexBytes[i] = (byte) sig.charAt(i);
            }
            return mpSig(hexBytes, 64, accessToken, sessionKey);
        }
        byte[] s = sig.getBytes(StandardCharsets.UTF_8);
        return mpSig(s, s.length, accessToken, sessionKey);
    }

    /** Both: {@code mp_sig} signs the hex of {@code sig} as {@link #sig} left it in {@link #hexBytes}. */
    MidasV1Signer.Signatures both(Secret appKey, Secret accessToken, Secret sessionKey) {
        String sig = sig(appKey);
        return new MidasV1Signer.Signatures(sig, mpSig(hexBytes, 64, accessToken, sessionKey));
    }

    /**
     * The mp_sig message, assembled after the buffer's content from its two halves (split at {@link #sigAt}) with
     * {@code access_token} in front, {@code sig} between and {@code session_key} behind; signed in one update.
     */
    private String mpSig(byte[] sig, int sigLength, Secret accessToken, Secret sessionKey) {
        int end = size;
        ensure(end + accessToken.utf8Length() + sigLength + sessionKey.utf8Length() + 64);
        put(A_ACCESS_TOKEN);
        accessToken.copyUtf8(buf, size);
        size += accessToken.utf8Length();
        put(AMP);
        System.arraycopy(buf, 0, buf, size, sigAt);
        size += sigAt;
        put(A_SIG);
        System.arraycopy(sig, 0, buf, size, sigLength);
        size += sigLength;
        System.arraycopy(buf, sigAt, buf, size, end - sigAt);
        size += end - sigAt;
        put(A_SESSION_KEY);
        sessionKey.copyUtf8(buf, size);
        size += sessionKey.utf8Length();
        Mac mac = sessionKey.hmacSha256();
        mac.update(buf, end, size - end);
        size = end;
        return finish(mac);
    }

    /** The digest as lowercase hex, written straight into {@link #hexBytes} and copied once into the String. */
    private String finish(Mac mac) {
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 32; i++) {
            hexBytes[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hexBytes[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hexBytes, 0, 64, StandardCharsets.ISO_8859_1);
    }

    // ---- writing the buffer: one method per endpoint, names in ASCII order ----

    private void write(String path, MidasV1Request request) {
        size = 0;
        if (request instanceof PayRequest r) {
            // amt, app_remark, appid, bill_no, offer_id, openid, pay_item, pf | ts, user_ip, zone_id
            number(P_AMT, r.amt(), "amt");
            optional(P_APPREMARK_AMP, r.appRemark());
            constant(P_APPID_AMP, r.appId(), "appid", APPID);
            text(P_BILLNO_AMP, r.billNo(), "bill_no");
            constant(P_OFFERID_AMP, r.offerId(), "offer_id", OFFER_ID);
            text(P_OPENID_AMP, r.openid(), "openid");
            optional(P_PAYITEM_AMP, r.payItem());
            constant(P_PF_AMP, r.pf(), "pf", PF);
            tail(r.ts(), r.userIp(), r.zoneId());
        } else if (request instanceof GetBalanceRequest r) {
            // appid, offer_id, openid, pf | ts, user_ip, zone_id
            constant(P_APPID, r.appId(), "appid", APPID);
            constant(P_OFFERID_AMP, r.offerId(), "offer_id", OFFER_ID);
            text(P_OPENID_AMP, r.openid(), "openid");
            constant(P_PF_AMP, r.pf(), "pf", PF);
            tail(r.ts(), r.userIp(), r.zoneId());
        } else if (request instanceof CancelPayRequest r) {
            // appid, bill_no, offer_id, openid, pay_item, pf | ts, user_ip, zone_id
            constant(P_APPID, r.appId(), "appid", APPID);
            text(P_BILLNO_AMP, r.billNo(), "bill_no");
            constant(P_OFFERID_AMP, r.offerId(), "offer_id", OFFER_ID);
            text(P_OPENID_AMP, r.openid(), "openid");
            optional(P_PAYITEM_AMP, r.payItem());
            constant(P_PF_AMP, r.pf(), "pf", PF);
            tail(r.ts(), r.userIp(), r.zoneId());
        } else {
            PresentRequest r = (PresentRequest) request;
            // appid, bill_no, offer_id, openid, pf, present_counts | ts, user_ip, zone_id
            constant(P_APPID, r.appId(), "appid", APPID);
            text(P_BILLNO_AMP, r.billNo(), "bill_no");
            constant(P_OFFERID_AMP, r.offerId(), "offer_id", OFFER_ID);
            text(P_OPENID_AMP, r.openid(), "openid");
            constant(P_PF_AMP, r.pf(), "pf", PF);
            number(P_PRESENTCOUNTS_AMP, r.presentCounts(), "present_counts");
            tail(r.ts(), r.userIp(), r.zoneId());
        }
        if (path == null) {
            throw new NullPointerException("path");
        }
        constant(PATH, ORG_LOC, path, METHOD);
    }

    /** {@code ts}, {@code user_ip}, {@code zone_id}: the names after {@code sig}, whose place is marked here. */
    private void tail(Long ts, String userIp, String zoneId) {
        sigAt = size;
        number(P_TS_AMP, ts, "ts");
        optional(P_USERIP_AMP, userIp);
        constant(P_ZONEID_AMP, zoneId, "zone_id", ZONE_ID);
    }

    private void text(byte[] prefix, String value, String name) {
        if (value == null) {
            throw missing(name);
        }
        put(prefix);
        utf8(value);
    }

    private void constant(byte[] prefix, String value, String name, int slot) {
        if (value == null) {
            throw missing(name);
        }
        constant(slot, prefix, value, NONE);
    }

    /** An optional text (pay_item, app_remark, user_ip): often a few CJK characters, encoded here without a copy. */
    private void optional(byte[] prefix, String value) {
        if (value != null) {
            put(prefix);
            bmpUtf8(value);
        }
    }

    private void number(byte[] prefix, Long value, String name) {
        if (value == null) {
            throw missing(name);
        }
        put(prefix);
        long n = value;
        if (n < 0 || n > Integer.MAX_VALUE) {
            utf8(Long.toString(n));
            return;
        }
        // int arithmetic (a UNIX time, an amount), two digits per division
        int v = (int) n;
        int digits = 1;
        while (digits < 10 && v >= POWERS[digits]) {
            digits++;
        }
        ensure(digits);
        int i = size + digits;
        byte[] b = buf;
        while (v >= 100) {
            int q = v / 100;
            int r = (v - q * 100) << 1;
            b[--i] = PAIRS[r + 1];
            b[--i] = PAIRS[r];
            v = q;
        }
        if (v >= 10) {
            b[--i] = PAIRS[(v << 1) + 1];
            b[--i] = PAIRS[v << 1];
        } else {
            b[--i] = (byte) ('0' + v);
        }
        size += digits;
    }

    private static final int[] POWERS = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };
    private static final byte[] PAIRS = pairs();

    private static byte[] pairs() {
        byte[] p = new byte[200];
        for (int i = 0; i < 100; i++) {
            p[2 * i] = (byte) ('0' + i / 10);
            p[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return p;
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException(name + ": midas_v1 parameters are text or whole numbers, not null");
    }

    /**
     * {@code s} as UTF-8, by {@code String.getBytes} itself (for Latin-1 strings an intrinsic copy): the same bytes
     * as the general path by construction. A value seen last time in the same slot (the game's appid, offer_id and
     * pf, the path) is the same String object, and its bytes are reused.
     */
    private void utf8(String s) {
        put(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code s} as UTF-8 written straight into the buffer when it has no surrogate (no character outside the BMP),
     * else by {@code String.getBytes}: the same bytes either way.
     */
    private void bmpUtf8(String s) {
        int n = s.length();
        ensure(3 * n);
        byte[] b = buf;
        int p = size;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else {
                utf8(s); // pairs and lone surrogates: the JDK's encoder (size is untouched so far)
                return;
            }
        }
        size = p;
    }

    private static final int APPID = 0;
    private static final int OFFER_ID = 1;
    private static final int PF = 2;
    private static final int ZONE_ID = 3;
    private static final int PATH = 4;
    private final String[] seen = new String[5];
    private final byte[][] seenPrefix = new byte[5][];
    private final byte[][] seenBytes = new byte[5][];

    /**
     * {@code prefix} then {@code s} as UTF-8, in one copy: their bytes are kept while {@code s} is the very String
     * (and {@code prefix} the very array) met last time in {@code slot}, as the game's appid, offer_id and pf are.
     */
    private void constant(int slot, byte[] prefix, String s, byte[] suffix) {
        if (seen[slot] != s || seenPrefix[slot] != prefix) {
            byte[] v = s.getBytes(StandardCharsets.UTF_8);
            byte[] all = Arrays.copyOf(prefix, prefix.length + v.length + suffix.length);
            System.arraycopy(v, 0, all, prefix.length, v.length);
            System.arraycopy(suffix, 0, all, prefix.length + v.length, suffix.length);
            seenBytes[slot] = all;
            seenPrefix[slot] = prefix;
            seen[slot] = s;
        }
        put(seenBytes[slot]);
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
