package dev.midasbridge.cli.demo;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payment client of a game server that only speaks midas 1.0, as its authors wrote it from the API pages
 * (docs/API.md sections 2 and 4), knowing nothing of midas-bridge: plain HTTP with the JDK's {@link HttpClient}, the
 * 1.0 JSON bodies built by hand, {@code sig} and {@code mp_sig} computed here with {@code javax.crypto}
 * (HMAC-SHA256, lowercase hex). It calls whatever base URL it is given: the gateway, in the demo.
 */
final class MidasV1Game {
    /** One answer: the errcode ({@code -1} also when no answer came back) and the decoded body. */
    record Answer(long errcode, Map<String, Object> body) {
        long number(String field) {
            Object v = body.get(field);
            if (!(v instanceof Number n)) {
                throw new IllegalStateException("answer without a numeric " + field + ": " + body);
            }
            return n.longValue();
        }
    }

    private static final JsonAdapter<Map<String, Object>> JSON =
            new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

    private final HttpClient http;
    private final String baseUrl;
    private final String appId;
    private final String offerId;
    private final String appKey;
    private final String accessToken;

    MidasV1Game(String baseUrl, String appId, String offerId, String appKey, String accessToken) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.baseUrl = baseUrl;
        this.appId = appId;
        this.offerId = offerId;
        this.appKey = appKey;
        this.accessToken = accessToken;
    }

    Answer getBalance(String openid, String sessionKey) {
        return call("getbalance", openid, sessionKey, Map.of());
    }

    Answer pay(String openid, String sessionKey, String billNo, long amt) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("amt", amt);
        extra.put("bill_no", billNo);
        extra.put("pay_item", "gem*1");
        return call("pay", openid, sessionKey, extra);
    }

    Answer present(String openid, String sessionKey, String billNo, long count) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("bill_no", billNo);
        extra.put("present_counts", count);
        return call("present", openid, sessionKey, extra);
    }

    /** midas 1.0 refunds a whole deduction, named by the deduction's own bill_no. */
    Answer cancelPay(String openid, String sessionKey, String payBillNo) {
        return call("cancelpay", openid, sessionKey, Map.of("bill_no", payBillNo));
    }

    private Answer call(String op, String openid, String sessionKey, Map<String, Object> extra) {
        String path = "/cgi-bin/midas/" + op;
        Map<String, Object> params = new TreeMap<>();
        params.put("openid", openid);
        params.put("appid", appId);
        params.put("offer_id", offerId);
        params.put("ts", System.currentTimeMillis() / 1000);
        params.put("zone_id", "1");
        params.put("pf", "android");
        params.putAll(extra);
        // sig: every body parameter but sig and mp_sig, sorted, joined raw; then org_loc, method and the AppKey
        String sig = hmacHex(appKey, join(params) + "&org_loc=" + path + "&method=POST&secret=" + appKey);
        // mp_sig: the same plus access_token and sig, sorted, joined; then org_loc, method and the session key
        Map<String, Object> withToken = new TreeMap<>(params);
        withToken.put("access_token", accessToken);
        withToken.put("sig", sig);
        String mpSig =
                hmacHex(sessionKey, join(withToken) + "&org_loc=" + path + "&method=POST&session_key=" + sessionKey);
        StringBuilder body = new StringBuilder("{");
        params.forEach((k, v) -> body.append('"')
                .append(k)
                .append("\":")
                .append(v instanceof Number ? v.toString() : quote(v.toString()))
                .append(','));
        body.append("\"sig\":")
                .append(quote(sig))
                .append(",\"mp_sig\":")
                .append(quote(mpSig))
                .append('}');
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path + "?access_token=" + accessToken))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> answer = JSON.fromJson(response.body());
            if (answer == null || !(answer.get("errcode") instanceof Number code)) {
                return new Answer(-1, Map.of("errmsg", "HTTP " + response.statusCode() + " without an errcode"));
            }
            return new Answer(code.longValue(), answer);
        } catch (IOException e) {
            // no answer (connection dropped, timed out, not JSON): the outcome is unknown, as after a -1
            return new Answer(-1, Map.of("errmsg", "no answer: " + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, Map.of("errmsg", "interrupted"));
        }
    }

    private static String join(Map<String, Object> sorted) {
        StringBuilder s = new StringBuilder();
        sorted.forEach((k, v) ->
                s.append(s.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return s.toString();
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }

    static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
