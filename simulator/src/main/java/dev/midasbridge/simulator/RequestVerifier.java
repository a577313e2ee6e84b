package dev.midasbridge.simulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the signatures of a captured request (method, full URL with query, exact body) against known keys, with the
 * stand-in server's diagnosis: for each signature whether it is right and, when it is not, which common mistake
 * explains it. For {@code bridge verify}; never reports a secret.
 */
public final class RequestVerifier {
    /** One signature's verdict: its name ({@code sig}, {@code mp_sig}, {@code pay_sig}, {@code signature}). */
    public record Verdict(String signature, boolean ok, String diagnosis) {}

    private final SimulatorConfig.MidasV1Keys v1;
    private final SimulatorConfig.PayV2Keys v2;

    private RequestVerifier(SimulatorConfig.MidasV1Keys v1, SimulatorConfig.PayV2Keys v2) {
        this.v1 = Objects.requireNonNull(v1, "midas_v1 keys");
        this.v2 = Objects.requireNonNull(v2, "pay_v2 keys");
    }

    /** A verifier for the AppKeys (and offer ids) of both versions. */
    public static RequestVerifier create(SimulatorConfig.MidasV1Keys v1, SimulatorConfig.PayV2Keys v2) {
        return new RequestVerifier(v1, v2);
    }

    /**
     * The verdicts for a captured request. {@code sessionKey} is the player's current session_key (without it the
     * player signatures are reported as not checked). Throws {@link IllegalArgumentException} naming what is wrong
     * with the request itself (not POST, unknown path, body not JSON, a signature missing).
     */
    public List<Verdict> verify(String method, String url, byte[] body, Optional<Secret> sessionKey) {
        if (!"POST".equalsIgnoreCase(method)) {
            throw new IllegalArgumentException("method " + method + ": both APIs take POST only");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: not a URL: " + e.getMessage());
        }
        Api.Route route = Api.Route.of(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (route == null) {
            throw new IllegalArgumentException("url path " + uri.getRawPath() + ": not a midas 1.0 or pay_v2 path");
        }
        Map<String, String> query = query(uri.getRawQuery());
        Map<String, Object> tree;
        try {
            tree = JsonTree.parseObject(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("body: not a JSON object: " + e.getMessage());
        }
        Secret current = sessionKey.orElse(null);
        List<Verdict> out = new ArrayList<>();
        if (route.version() == ApiVersion.MIDAS_V1) {
            String token = query.get("access_token");
            List<Map.Entry<String, String>> signed = new ArrayList<>();
            for (Map.Entry<String, Object> e : tree.entrySet()) {
                if (!e.getKey().equals("sig") && !e.getKey().equals("mp_sig")) {
                    signed.add(Map.entry(e.getKey(), raw(e.getKey(), e.getValue())));
                }
            }
            Environment env = route.sandboxPath() ? Environment.SANDBOX : Environment.PRODUCTION;
            Signatures.V1Call call = new Signatures.V1Call(
                    route.path(), route.twinPath(), env, signed, token, text(tree, "sig"), text(tree, "mp_sig"));
            out.add(verdict("sig", Signatures.checkV1Sig(call, v1, v2)));
            if (tree.containsKey("access_token")) {
                out.add(new Verdict(
                        "mp_sig", false, "access_token was sent in the body; it travels in the query string only"));
            } else if (token == null) {
                out.add(new Verdict("mp_sig", false, "the URL has no access_token, which mp_sig signs"));
            } else if (current == null) {
                out.add(new Verdict("mp_sig", false, "not checked: no session_key given for the player"));
            } else {
                out.add(verdict("mp_sig", Signatures.checkV1MpSig(call, current, List.of(), v1)));
            }
            return out;
        }
        Object envField = tree.get("env");
        Long envCode = envField instanceof JsonTree.Num n ? n.asLong() : null;
        if (envCode == null || (envCode != 0 && envCode != 1)) {
            throw new IllegalArgumentException("body: env must be the number 0 or 1");
        }
        Signatures.V2Call call = new Signatures.V2Call(
                route.path(),
                Environment.fromPayV2Env(envCode),
                body,
                tree,
                query.get("access_token"),
                required(query, "pay_sig"),
                required(query, "signature"));
        out.add(verdict("pay_sig", Signatures.checkV2PaySig(call, v2, v1, current)));
        out.add(
                current == null
                        ? new Verdict("signature", false, "not checked: no session_key given for the player")
                        : verdict("signature", Signatures.checkV2Signature(call, current, List.of(), v2)));
        if (!"hmac_sha256".equals(query.get("sig_method"))) {
            out.add(new Verdict(
                    "sig_method",
                    false,
                    "sig_method must be hmac_sha256, got " + query.getOrDefault("sig_method", "(missing)")));
        }
        return out;
    }

    private static Verdict verdict(String name, Signatures.Check check) {
        return new Verdict(name, check.ok(), check.ok() ? "" : check.diagnosis());
    }

    private static String raw(String field, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof JsonTree.Num n) {
            return n.text();
        }
        throw new IllegalArgumentException("body: " + field + " must be a string or a number");
    }

    private static String text(Map<String, Object> tree, String field) {
        Object v = tree.get(field);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("body: " + field + " is missing (midas_v1 sends it in the body)");
        }
        return s;
    }

    private static String required(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null) {
            throw new IllegalArgumentException("url: " + name + " is missing from the query (pay_v2 sends it there)");
        }
        return v;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
