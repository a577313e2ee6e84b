package dev.midasbridge.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stand-in server's own signature verification for both versions (API.md section 4), written independently
 * of the adapters' signers, and the diagnosis of a mismatch: it recomputes the signature the way each common
 * mistake would have and names the one that matches. Diagnoses never contain a secret.
 */
final class Signatures {
    /** The result of checking one signature: matched, or not with the mistake that explains it (if one does). */
    record Check(boolean ok, String diagnosis, Mistake mistake) {
        static final Check OK = new Check(true, "", Mistake.NONE);

        static Check wrong(Mistake mistake, String diagnosis) {
            return new Check(false, diagnosis, mistake);
        }
    }

    /** Mistakes that change the errcode, not only the errmsg. */
    enum Mistake {
        NONE,
        OTHER,
        UNEXPLAINED,
        STALE_SESSION_KEY,
        OTHER_VERSION_KEY
    }

    private record Attempt(String diagnosis, Mistake mistake, Supplier<String> signature) {}

    static final String NOTHING_EXPLAINS = "no common mistake explains it (checked: key and path for the environment,"
            + " sorting, URL-encoding, access_token, uppercase hex, base64-decoded or stale session_key,"
            + " re-serialized body, the other version's keys)";

    private static final List<JsonTree.Style> RESERIALIZATIONS = styles();

    private Signatures() {}

    // ---------------------------------------------------------------- midas 1.0

    /** The canonical v1 parameter string: {@code name=value} joined with {@code &}. */
    static String v1Params(List<Map.Entry<String, String>> params, boolean sort, boolean urlEncode) {
        List<Map.Entry<String, String>> list = new ArrayList<>(params);
        if (sort) {
            list.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : list) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            String v = urlEncode ? URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8) : e.getValue();
            sb.append(e.getKey()).append('=').append(v);
        }
        return sb.toString();
    }

    static String v1Sig(String canonicalParams, String path, String appKey) {
        return Hmac.hex(appKey, canonicalParams + "&org_loc=" + path + "&method=POST&secret=" + appKey);
    }

    static String v1MpSig(String canonicalParams, String path, byte[] key, String sessionKeyText) {
        String msg = canonicalParams + "&org_loc=" + path + "&method=POST&session_key=" + sessionKeyText;
        return Hmac.hex(key, msg.getBytes(StandardCharsets.UTF_8));
    }

    /** The signed parameters of a v1 call in the order received (every body parameter except sig and mp_sig). */
    record V1Call(
            String path,
            String twinPath,
            Environment environment,
            List<Map.Entry<String, String>> params,
            String accessToken,
            String sig,
            String mpSig) {
        List<Map.Entry<String, String>> withTokenAndSig(boolean token, boolean signature) {
            List<Map.Entry<String, String>> out = new ArrayList<>(params);
            if (token && accessToken != null) {
                out.add(Map.entry("access_token", accessToken));
            }
            if (signature) {
                out.add(Map.entry("sig", sig));
            }
            return out;
        }

        boolean anyValueChangesWhenEncoded() {
            return params.stream()
                    .anyMatch(e -> !URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                            .equals(e.getValue()));
        }
    }

    static Check checkV1Sig(V1Call call, SimulatorConfig.MidasV1Keys v1, SimulatorConfig.PayV2Keys v2) {
        String key = v1.key(call.environment()).reveal();
        String other = v1.key(other(call.environment())).reveal();
        String sorted = v1Params(call.params(), true, false);
        String expected = v1Sig(sorted, call.path(), key);
        if (Hmac.equal(expected, call.sig())) {
            return Check.OK;
        }
        boolean sandbox = call.environment() == Environment.SANDBOX;
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(new Attempt("sig is uppercase hex; send lowercase hex", Mistake.OTHER, expected::toUpperCase));
        attempts.add(new Attempt(
                sandbox
                        ? "sig used the production key on a sandbox path"
                        : "sig used the sandbox key on a production path",
                Mistake.OTHER,
                () -> v1Sig(sorted, call.path(), other)));
        attempts.add(new Attempt(
                "sig signed org_loc=" + call.twinPath() + " but the call went to " + call.path(),
                Mistake.OTHER,
                () -> v1Sig(sorted, call.twinPath(), key)));
        attempts.add(new Attempt(
                sandbox
                        ? "sig was made for a production call (production key and path) but sent to a sandbox path"
                        : "sig was made for a sandbox call (sandbox key and path) but sent to a production path",
                Mistake.OTHER,
                () -> v1Sig(sorted, call.twinPath(), other)));
        attempts.add(new Attempt(
                "sig parameters were not sorted by name (ASCII order)",
                Mistake.OTHER,
                () -> v1Sig(v1Params(call.params(), false, false), call.path(), key)));
        if (call.anyValueChangesWhenEncoded()) {
            attempts.add(new Attempt(
                    "values were URL-encoded before signing; sign the raw values",
                    Mistake.OTHER,
                    () -> v1Sig(v1Params(call.params(), true, true), call.path(), key)));
        }
        if (call.accessToken() != null) {
            attempts.add(new Attempt(
                    "access_token was signed in sig; it belongs only in mp_sig",
                    Mistake.OTHER,
                    () -> v1Sig(v1Params(call.withTokenAndSig(true, false), true, false), call.path(), key)));
        }
        attempts.add(new Attempt(
                "pay_v2 key used on midas_v1 (sig was made with the pay_v2 AppKey)",
                Mistake.OTHER_VERSION_KEY,
                () -> v1Sig(sorted, call.path(), v2.key(call.environment()).reveal())));
        attempts.add(new Attempt(
                "pay_v2 key used on midas_v1 (sig was made with the pay_v2 AppKey of the other environment)",
                Mistake.OTHER_VERSION_KEY,
                () -> v1Sig(
                        sorted, call.path(), v2.key(other(call.environment())).reveal())));
        return diagnose(attempts, call.sig());
    }

    /**
     * Checks mp_sig against the player's current session key, then former ones (stale), then the mistakes.
     * {@code current} may be null for a player without a session.
     */
    static Check checkV1MpSig(V1Call call, Secret current, List<Secret> former, SimulatorConfig.MidasV1Keys v1) {
        String full = v1Params(call.withTokenAndSig(true, true), true, false);
        if (current != null && Hmac.equal(v1MpSig(full, call.path(), current.utf8(), current.reveal()), call.mpSig())) {
            return Check.OK;
        }
        List<Attempt> attempts = new ArrayList<>();
        for (Secret old : former) {
            attempts.add(new Attempt(
                    "stale session_key: mp_sig was made with a session_key from before the player's last login",
                    Mistake.STALE_SESSION_KEY,
                    () -> v1MpSig(full, call.path(), old.utf8(), old.reveal())));
        }
        if (current != null) {
            String key = current.reveal();
            byte[] bytes = current.utf8();
            attempts.add(new Attempt(
                    "mp_sig is uppercase hex; send lowercase hex",
                    Mistake.OTHER,
                    () -> v1MpSig(full, call.path(), bytes, key).toUpperCase()));
            decoded(current)
                    .ifPresent(raw -> attempts.add(new Attempt(
                            "session_key was base64-decoded; use the session_key string as is",
                            Mistake.OTHER,
                            () -> v1MpSig(full, call.path(), raw, key))));
            attempts.add(new Attempt(
                    "mp_sig parameters were not sorted by name (ASCII order)",
                    Mistake.OTHER,
                    () -> v1MpSig(v1Params(call.withTokenAndSig(true, true), false, false), call.path(), bytes, key)));
            attempts.add(new Attempt(
                    "values were URL-encoded before signing mp_sig; sign the raw values",
                    Mistake.OTHER,
                    () -> v1MpSig(v1Params(call.withTokenAndSig(true, true), true, true), call.path(), bytes, key)));
            attempts.add(new Attempt(
                    "mp_sig left out sig; it signs the parameters plus access_token and sig",
                    Mistake.OTHER,
                    () -> v1MpSig(v1Params(call.withTokenAndSig(true, false), true, false), call.path(), bytes, key)));
            attempts.add(new Attempt(
                    "mp_sig left out access_token; it signs the parameters plus access_token and sig",
                    Mistake.OTHER,
                    () -> v1MpSig(v1Params(call.withTokenAndSig(false, true), true, false), call.path(), bytes, key)));
            attempts.add(new Attempt(
                    "mp_sig signed org_loc=" + call.twinPath() + " but the call went to " + call.path(),
                    Mistake.OTHER,
                    () -> v1MpSig(full, call.twinPath(), bytes, key)));
            for (Environment env : Environment.values()) {
                Secret appKey = v1.key(env);
                attempts.add(new Attempt(
                        "mp_sig was keyed with the AppKey instead of the player's session_key",
                        Mistake.OTHER,
                        () -> v1MpSig(full, call.path(), appKey.utf8(), appKey.reveal())));
            }
        }
        return diagnose(attempts, call.mpSig());
    }

    // ---------------------------------------------------------------- pay_v2

    static String v2PaySig(String path, byte[] body, byte[] key) {
        return Hmac.hex(key, (path + "&").getBytes(StandardCharsets.UTF_8), body);
    }

    static String v2Signature(byte[] body, byte[] key) {
        return Hmac.hex(key, body);
    }

    /** A v2 call: the path, the exact body bytes, the parsed body (for re-serialization), the query signatures. */
    record V2Call(
            String path,
            Environment environment,
            byte[] body,
            Map<String, Object> tree,
            String accessToken,
            String paySig,
            String signature) {}

    static Check checkV2PaySig(
            V2Call call, SimulatorConfig.PayV2Keys v2, SimulatorConfig.MidasV1Keys v1, Secret sessionKey) {
        byte[] key = v2.key(call.environment()).utf8();
        String expected = v2PaySig(call.path(), call.body(), key);
        if (Hmac.equal(expected, call.paySig())) {
            return Check.OK;
        }
        boolean sandbox = call.environment() == Environment.SANDBOX;
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(new Attempt("pay_sig is uppercase hex; send lowercase hex", Mistake.OTHER, expected::toUpperCase));
        attempts.add(new Attempt(
                sandbox
                        ? "pay_sig used the production key with env 1 (sandbox); sign with the sandbox AppKey"
                        : "pay_sig used the sandbox key with env 0 (production); sign with the production AppKey",
                Mistake.OTHER,
                () -> v2PaySig(
                        call.path(),
                        call.body(),
                        v2.key(other(call.environment())).utf8())));
        for (Environment env : Environment.values()) {
            attempts.add(new Attempt(
                    "midas_v1 key used on pay_v2 (pay_sig was made with the midas 1.0 AppKey)",
                    Mistake.OTHER,
                    () -> v2PaySig(call.path(), call.body(), v1.key(env).utf8())));
        }
        for (JsonTree.Style style : RESERIALIZATIONS) {
            attempts.add(new Attempt(
                    "pay_sig was computed over a re-serialized body (" + style.describe()
                            + "); sign the exact bytes you send",
                    Mistake.OTHER,
                    () -> reserialized(call, style, other -> v2PaySig(call.path(), other, key))));
        }
        if (call.accessToken() != null) {
            attempts.add(new Attempt(
                    "pay_sig signed the path with its query string; sign the path alone",
                    Mistake.OTHER,
                    () -> v2PaySig(call.path() + "?access_token=" + call.accessToken(), call.body(), key)));
        }
        attempts.add(new Attempt(
                "pay_sig left out the path; it signs path + \"&\" + body",
                Mistake.OTHER,
                () -> Hmac.hex(key, call.body())));
        if (sessionKey != null) {
            attempts.add(new Attempt(
                    "pay_sig was keyed with the session_key instead of the AppKey",
                    Mistake.OTHER,
                    () -> v2PaySig(call.path(), call.body(), sessionKey.utf8())));
        }
        return diagnose(attempts, call.paySig());
    }

    static Check checkV2Signature(V2Call call, Secret current, List<Secret> former, SimulatorConfig.PayV2Keys v2) {
        byte[] key = current.utf8();
        String expected = v2Signature(call.body(), key);
        if (Hmac.equal(expected, call.signature())) {
            return Check.OK;
        }
        List<Attempt> attempts = new ArrayList<>();
        for (Secret old : former) {
            attempts.add(new Attempt(
                    "stale session_key: signature was made with a session_key from before the player's last login",
                    Mistake.STALE_SESSION_KEY,
                    () -> v2Signature(call.body(), old.utf8())));
        }
        attempts.add(
                new Attempt("signature is uppercase hex; send lowercase hex", Mistake.OTHER, expected::toUpperCase));
        decoded(current)
                .ifPresent(raw -> attempts.add(new Attempt(
                        "session_key was base64-decoded; use the session_key string as is",
                        Mistake.OTHER,
                        () -> v2Signature(call.body(), raw))));
        for (JsonTree.Style style : RESERIALIZATIONS) {
            attempts.add(new Attempt(
                    "signature was computed over a re-serialized body (" + style.describe()
                            + "); sign the exact bytes you send",
                    Mistake.OTHER,
                    () -> reserialized(call, style, other -> v2Signature(other, key))));
        }
        attempts.add(new Attempt(
                "signature included the path; it signs the body alone",
                Mistake.OTHER,
                () -> v2PaySig(call.path(), call.body(), key)));
        for (Environment env : Environment.values()) {
            attempts.add(new Attempt(
                    "signature was keyed with the AppKey instead of the player's session_key",
                    Mistake.OTHER,
                    () -> v2Signature(call.body(), v2.key(env).utf8())));
        }
        return diagnose(attempts, call.signature());
    }

    // ---------------------------------------------------------------- shared

    /**
     * The signature over the body as re-serialized in {@code style}, or null when that is the body as sent (then it is
     * not a mistake). Built only when this attempt is reached: the diagnosis stops at the first match.
     */
    private static String reserialized(
            V2Call call, JsonTree.Style style, java.util.function.Function<byte[], String> sign) {
        byte[] other = JsonTree.write(call.tree(), style);
        return java.util.Arrays.equals(other, call.body()) ? null : sign.apply(other);
    }

    /** Tries the attempts in order, each computed only when reached, and stops at the first that matches. */
    private static Check diagnose(List<Attempt> attempts, String received) {
        for (Attempt a : attempts) {
            String candidate = a.signature().get();
            if (candidate != null && Hmac.equal(candidate, received)) {
                return Check.wrong(a.mistake(), a.diagnosis());
            }
        }
        return Check.wrong(Mistake.UNEXPLAINED, NOTHING_EXPLAINS);
    }

    private static Optional<byte[]> decoded(Secret sessionKey) {
        try {
            byte[] raw = Base64.getDecoder().decode(sessionKey.reveal());
            return raw.length == 0 ? Optional.empty() : Optional.of(raw);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Environment other(Environment env) {
        return env == Environment.SANDBOX ? Environment.PRODUCTION : Environment.SANDBOX;
    }

    private static List<JsonTree.Style> styles() {
        List<JsonTree.Style> out = new ArrayList<>();
        String[][] separators = {{",", ":"}, {", ", ": "}, {",", ": "}};
        for (boolean sort : new boolean[] {false, true}) {
            for (String[] sep : separators) {
                for (boolean ascii : new boolean[] {false, true}) {
                    for (boolean slash : new boolean[] {false, true}) {
                        out.add(new JsonTree.Style(sort, sep[0], sep[1], ascii, slash));
                    }
                }
            }
        }
        return List.copyOf(out);
    }
}
