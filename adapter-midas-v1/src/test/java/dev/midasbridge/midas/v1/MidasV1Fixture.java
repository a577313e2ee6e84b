package dev.midasbridge.midas.v1;

import com.squareup.moshi.JsonReader;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.HmacSha256;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/** Shared test values and an independent midas 1.0 signature check, written from API.md section 4. */
final class MidasV1Fixture {
    static final String APPID = "wx1234567";
    static final String OFFER_ID = "12345678";
    static final String APP_KEY = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
    static final String SANDBOX_APP_KEY = "sbxKey-9f8e7d6c5b4a39281706f5e4d3c2";
    static final String SESSION_KEY = "V7Q38/i2KXaqrQyl2Yx9Hg==";
    static final String OPENID = "odkx20ENSNa2w5y3g_qOkOvBNM1g";
    static final String TOKEN = "ACCESSTOKEN-first-0001";
    static final String TOKEN_2 = "ACCESSTOKEN-second-0002";
    static final long TS = 1507530737L;

    private MidasV1Fixture() {}

    static ApiCredentials credentials() {
        return ApiCredentials.midasV1(APPID, OFFER_ID, Secret.of(APP_KEY), Secret.of(SANDBOX_APP_KEY));
    }

    static Clock clock() {
        return Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC);
    }

    static MidasV1Config config(MockWebServer server) {
        return MidasV1Config.builder(credentials())
                .baseUrl(server.url("/").toString())
                .clock(clock())
                .build();
    }

    static PlayerSession session() {
        return PlayerSession.of(OPENID, SESSION_KEY);
    }

    /** A received request body read token by token: each value's raw text as sent, and whether it was a string. */
    record Received(String path, String accessToken, Map<String, String> raw, Map<String, Boolean> isString) {
        static Received of(RecordedRequest request) throws IOException {
            Map<String, String> raw = new LinkedHashMap<>();
            Map<String, Boolean> isString = new LinkedHashMap<>();
            try (JsonReader reader =
                    JsonReader.of(new Buffer().write(request.getBody().snapshot()))) {
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    JsonReader.Token token = reader.peek();
                    if (token != JsonReader.Token.STRING && token != JsonReader.Token.NUMBER) {
                        throw new AssertionError(name + " is neither a JSON string nor a number: " + token);
                    }
                    isString.put(name, token == JsonReader.Token.STRING);
                    raw.put(name, reader.nextString());
                }
                reader.endObject();
            }
            return new Received(
                    request.getRequestUrl().encodedPath(),
                    request.getRequestUrl().queryParameter("access_token"),
                    raw,
                    isString);
        }

        /** sig, recomputed by hand: sorted params (without sig, mp_sig), org_loc, method, secret. */
        String expectedSig(String appKey) {
            TreeMap<String, String> sorted = new TreeMap<>(raw);
            sorted.remove("sig");
            sorted.remove("mp_sig");
            String message = join(sorted) + "&org_loc=" + path + "&method=POST&secret=" + appKey;
            return HmacSha256.hex(appKey, message);
        }

        /** mp_sig, recomputed by hand: the params plus access_token and sig, org_loc, method, session_key. */
        String expectedMpSig(String sessionKey) {
            TreeMap<String, String> sorted = new TreeMap<>(raw);
            sorted.remove("mp_sig");
            sorted.put("access_token", accessToken);
            String message = join(sorted) + "&org_loc=" + path + "&method=POST&session_key=" + sessionKey;
            return HmacSha256.hex(sessionKey, message);
        }

        private static String join(TreeMap<String, String> sorted) {
            StringBuilder sb = new StringBuilder();
            sorted.forEach((k, v) ->
                    sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
            return sb.toString();
        }
    }
}
