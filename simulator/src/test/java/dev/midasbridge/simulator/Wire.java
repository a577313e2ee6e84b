package dev.midasbridge.simulator;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A black-box client for tests: raw HTTP with OkHttp, both versions signed here with the JDK's Mac via TestHmac (never with
 * the simulator's own code), against a stand-in server started from {@link #CONFIG}.
 */
public final class Wire implements AutoCloseable {
    public static final String TOKEN = "test-access-token";
    public static final String V1_APPID = "wx-test-app";
    public static final String V1_OFFER = "1450000001";
    public static final String V1_KEY = "v1-production-key-ABC";
    public static final String V1_SANDBOX_KEY = "v1-sandbox-key-DEF";
    public static final String V2_OFFER = "1450000002";
    public static final String V2_KEY = "v2-production-key-GHI";
    public static final String V2_SANDBOX_KEY = "v2-sandbox-key-JKL";
    public static final String ALICE = "o-alice";
    public static final String ALICE_KEY = "YWxpY2Uta2V5LTEyMzQ=";
    public static final String BOB = "o-bob";
    public static final String BOB_KEY = "Ym9iLWtleS01Njc4OTA=";
    public static final String CAROL = "o-carol";
    public static final String CAROL_KEY = "Y2Fyb2wta2V5LTk5OTk=";

    public static final String CONFIG = """
            {
              "access_token": "test-access-token",
              "midas_v1": {"appid": "wx-test-app", "offer_id": "1450000001",
                           "app_key": "v1-production-key-ABC", "sandbox_app_key": "v1-sandbox-key-DEF"},
              "pay_v2": {"offer_id": "1450000002", "app_key": "v2-production-key-GHI", "sandbox_app_key": "v2-sandbox-key-JKL"},
              "players": [
                {"openid": "o-alice", "session_key": "YWxpY2Uta2V5LTEyMzQ=", "zone_id": "1", "balance": 1000, "present_balance": 100},
                {"openid": "o-bob", "session_key": "Ym9iLWtleS01Njc4OTA=", "zone_id": "1", "balance": 50},
                {"openid": "o-carol", "session_key": "Y2Fyb2wta2V5LTk5OTk=", "zone_id": "2", "balance": 0}
              ],
              "orders": [
                {"openid": "o-alice", "out_trade_no": "purchase-1", "biz_id": 1, "pay_state": 1, "deliver_state": 2,
                 "pay_finish_time": 1700000000, "mch_order_no": "mch-1", "transaction_id": "tx-1", "product_id": "coins_60"}
              ]
            }
            """;

    private static final MediaType JSON = MediaType.get("application/json");
    private static final JsonAdapter<Map<String, Object>> MAP =
            new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

    public final StandInServer server;
    public final OkHttpClient http;

    private Wire(StandInServer server, OkHttpClient http) {
        this.server = server;
        this.http = http;
    }

    public static Wire start() {
        return start(StandInServer.Options.defaults());
    }

    public static Wire start(StandInServer.Options options) {
        return start(SimulatorConfig.parse(CONFIG), options);
    }

    public static Wire start(SimulatorConfig config, StandInServer.Options options) {
        return new Wire(
                StandInServer.start(config, options),
                new OkHttpClient.Builder()
                        .readTimeout(Duration.ofSeconds(20))
                        .retryOnConnectionFailure(false)
                        .build());
    }

    public Wire withReadTimeout(Duration timeout) {
        return new Wire(server, http.newBuilder().readTimeout(timeout).build());
    }

    public Admin admin() {
        return server.admin();
    }

    @Override
    public void close() {
        server.close();
    }

    // ------------------------------------------------------------------ midas 1.0

    public static String sessionKeyOf(String openid) {
        return switch (openid) {
            case ALICE -> ALICE_KEY;
            case BOB -> BOB_KEY;
            case CAROL -> CAROL_KEY;
            default -> "unknown-player-key";
        };
    }

    /** The common v1 parameters for {@code openid} in zone "1". */
    public static LinkedHashMap<String, Object> v1Params(String openid) {
        LinkedHashMap<String, Object> p = new LinkedHashMap<>();
        p.put("openid", openid);
        p.put("appid", V1_APPID);
        p.put("offer_id", V1_OFFER);
        p.put("ts", 1700000000L);
        p.put("zone_id", "1");
        p.put("pf", "android");
        return p;
    }

    public static String v1Path(String op, boolean sandbox) {
        return sandbox ? "/cgi-bin/midas/sandbox/" + op : "/cgi-bin/midas/" + op;
    }

    public static String v1Canonical(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(params)
                .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&")
                        .append(k)
                        .append('=')
                        .append(v));
        return sb.toString();
    }

    public static String sig(String path, Map<String, Object> params, String appKey) {
        return TestHmac.hex(appKey, v1Canonical(params) + "&org_loc=" + path + "&method=POST&secret=" + appKey);
    }

    public static String mpSig(String path, Map<String, Object> params, String token, String sig, String sessionKey) {
        Map<String, Object> all = new TreeMap<>(params);
        all.put("access_token", token);
        all.put("sig", sig);
        return TestHmac.hex(
                sessionKey, v1Canonical(all) + "&org_loc=" + path + "&method=POST&session_key=" + sessionKey);
    }

    /** Signs {@code params} correctly for the path's environment and the player's session key, and posts it. */
    public Map<String, Object> v1(String op, boolean sandbox, Map<String, Object> params) {
        String path = v1Path(op, sandbox);
        String sig = sig(path, params, sandbox ? V1_SANDBOX_KEY : V1_KEY);
        String mpSig = mpSig(path, params, TOKEN, sig, sessionKeyOf((String) params.get("openid")));
        return postV1(path, params, sig, mpSig, TOKEN);
    }

    public Map<String, Object> postV1(String path, Map<String, Object> params, String sig, String mpSig, String token) {
        LinkedHashMap<String, Object> body = new LinkedHashMap<>(params);
        body.put("sig", sig);
        body.put("mp_sig", mpSig);
        return json(post(path, token == null ? Map.of() : Map.of("access_token", token), MAP.toJson(body)));
    }

    // ------------------------------------------------------------------ pay_v2

    /** A compact v2 body for {@code openid} in zone "1", with {@code extra} appended, as Moshi writes it. */
    public static String v2Body(String openid, int env, Map<String, Object> extra) {
        LinkedHashMap<String, Object> b = new LinkedHashMap<>();
        b.put("openid", openid);
        b.put("offer_id", V2_OFFER);
        b.put("ts", 1700000000L);
        b.put("zone_id", "1");
        b.put("env", (long) env);
        b.putAll(extra);
        return MAP.toJson(b);
    }

    public static String paySig(String path, String body, String appKey) {
        return TestHmac.hex(appKey, path + "&" + body);
    }

    public static String signature(String body, String sessionKey) {
        return TestHmac.hex(sessionKey, body);
    }

    /** Signs {@code body} correctly (env read from the caller) and posts it to {@code /wxa/game/<op>}. */
    public Map<String, Object> v2(String op, String openid, int env, Map<String, Object> extra) {
        String body = v2Body(openid, env, extra);
        String path = "/wxa/game/" + op;
        return postV2(
                path,
                body,
                paySig(path, body, env == 1 ? V2_SANDBOX_KEY : V2_KEY),
                signature(body, sessionKeyOf(openid)),
                TOKEN);
    }

    public Map<String, Object> postV2(String path, String body, String paySig, String signature, String token) {
        Map<String, String> q = new LinkedHashMap<>();
        if (token != null) {
            q.put("access_token", token);
        }
        q.put("signature", signature);
        q.put("sig_method", "hmac_sha256");
        q.put("pay_sig", paySig);
        return json(post(path, q, body));
    }

    // ------------------------------------------------------------------ raw

    public Response post(String path, Map<String, String> query, String body) {
        HttpUrl.Builder url = HttpUrl.get(server.baseUrl() + path).newBuilder();
        query.forEach(url::addQueryParameter);
        Request request = new Request.Builder()
                .url(url.build())
                .post(RequestBody.create(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), JSON))
                .build();
        try {
            return http.newCall(request).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response get(String path) {
        try {
            return http.newCall(
                            new Request.Builder().url(server.baseUrl() + path).build())
                    .execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> json(Response response) {
        try (response) {
            String text = response.body().string();
            Map<String, Object> m = MAP.fromJson(text);
            if (m == null) {
                throw new AssertionError("empty JSON answer");
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object answer read with Moshi. */
    public static Map<String, Object> parse(String text) {
        try {
            Map<String, Object> m = MAP.fromJson(text);
            if (m == null) {
                throw new AssertionError("empty JSON answer");
            }
            return m;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    public static long errcode(Map<String, Object> answer) {
        return num(answer, "errcode");
    }

    public static long num(Map<String, Object> answer, String field) {
        Object v = answer.get(field);
        if (!(v instanceof Number n)) {
            throw new AssertionError("no number " + field + " in " + answer);
        }
        return n.longValue();
    }

    public static String errmsg(Map<String, Object> answer) {
        return String.valueOf(answer.get("errmsg"));
    }

    public static Map<String, Object> extra(Object... kv) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1] instanceof Integer n ? (Object) n.longValue() : kv[i + 1]);
        }
        return m;
    }

    /** A clock a test can move forward. */
    public static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
