package dev.midasbridge.payv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.adapter.support.testing.Gateways;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.HmacSha256;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.gateway.Deadline;
import dev.midasbridge.core.operation.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Shared test values: pay_v2 credentials, a player session, a fixed clock, and request checks. */
final class Fixture {
    static final String OFFER = "1450000001";
    static final String PROD_KEY = "prod-AppKey-zQ81";
    static final String SANDBOX_KEY = "sandbox-AppKey-pX27";
    static final String SESSION_KEY = "9hAb/NEYUlkaMBEsmFgzig==";
    static final String TOKEN = "62_tokenOne-abc";
    static final String TOKEN_2 = "62_tokenTwo-def";
    static final String OPENID = "oUrsfxxxxxxxxxx";
    static final long TS = 1668512428L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC);
    static final PlayerSession SESSION = PlayerSession.of(OPENID, SESSION_KEY);
    static final List<String> SECRETS = List.of(PROD_KEY, SANDBOX_KEY, SESSION_KEY, TOKEN, TOKEN_2);

    private Fixture() {}

    static ApiCredentials credentials() {
        return ApiCredentials.payV2(OFFER, Secret.of(PROD_KEY), Secret.of(SANDBOX_KEY));
    }

    static PayV2Config config(String baseUrl) {
        return PayV2Config.builder(credentials())
                .baseUrl(baseUrl)
                .clock(CLOCK)
                .connectTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(5))
                .build();
    }

    static CurrencyGateway gateway(MockWebServer server, AccessTokenProvider tokens) {
        return PayV2.create(config(server.url("/").toString()), tokens);
    }

    static CallContext context(Environment env) {
        return new CallContext(env, SESSION, Deadline.in(Duration.ofSeconds(5)));
    }

    static String appKey(Environment env) {
        return env == Environment.SANDBOX ? SANDBOX_KEY : PROD_KEY;
    }

    /** Calls the gateway method for {@code op}. */
    static Object invoke(CurrencyGateway gateway, Operation op, CallContext context) {
        return Gateways.invoke(gateway, op, context);
    }

    /**
     * Checks method, path, query and both signatures, recomputed here from the received bytes with core's
     * HmacSha256, and returns the received body bytes.
     */
    static byte[] assertSignedRequest(
            RecordedRequest req, String endpoint, String appKey, String sessionKey, String token) {
        assertNotNull(req, "no request reached the server");
        assertEquals("POST", req.getMethod());
        HttpUrl url = req.getRequestUrl();
        assertEquals("/wxa/game/" + endpoint, url.encodedPath());
        assertEquals(Set.of("access_token", "signature", "sig_method", "pay_sig"), url.queryParameterNames());
        assertEquals(token, url.queryParameter("access_token"));
        assertEquals("hmac_sha256", url.queryParameter("sig_method"));
        String contentType = req.getHeader("Content-Type");
        assertTrue(contentType != null && contentType.startsWith("application/json"), contentType);
        byte[] body = req.getBody().clone().readByteArray();
        byte[] prefix = ("/wxa/game/" + endpoint + "&").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        assertEquals(
                HmacSha256.hex(appKey.getBytes(StandardCharsets.UTF_8), message),
                url.queryParameter("pay_sig"),
                "pay_sig");
        assertEquals(
                HmacSha256.hex(sessionKey.getBytes(StandardCharsets.UTF_8), body),
                url.queryParameter("signature"),
                "signature");
        return body;
    }
}
