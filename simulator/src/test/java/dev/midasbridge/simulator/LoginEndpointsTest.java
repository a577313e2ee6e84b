package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.ALICE_KEY;
import static dev.midasbridge.simulator.Wire.BOB;
import static dev.midasbridge.simulator.Wire.BOB_KEY;
import static dev.midasbridge.simulator.Wire.errcode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /sns/jscode2session} and {@code /cgi-bin/stable_token} over real HTTP, from the configuration. */
class LoginEndpointsTest {
    private static final String SECRET = "test-app-secret-XYZ";
    private Wire wire = start(false);

    private static Wire start(boolean once) {
        String config = Wire.CONFIG
                .replace(
                        "\"access_token\": \"test-access-token\",",
                        "\"access_token\": \"test-access-token\", \"appid\": \"wx-test-app\", \"app_secret\": \""
                                + SECRET + "\", \"js_code_once\": " + once + ",")
                .replace("\"o-bob\", \"session_key\"", "\"o-bob\", \"js_code\": \"bob-code-1\", \"session_key\"");
        SimulatorConfig parsed = SimulatorConfig.parse(config);
        assertEquals(once, parsed.jsCodeOnce());
        return Wire.start(parsed, StandInServer.Options.defaults());
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    private Map<String, Object> login(String appid, String secret, String code, String grantType) {
        StringBuilder q = new StringBuilder("/sns/jscode2session?");
        if (appid != null) {
            q.append("appid=").append(appid).append('&');
        }
        if (secret != null) {
            q.append("secret=").append(secret).append('&');
        }
        if (code != null) {
            q.append("js_code=").append(code).append('&');
        }
        q.append("grant_type=").append(grantType);
        return Wire.json(wire.get(q.toString()));
    }

    private Map<String, Object> login(String code) {
        return login("wx-test-app", SECRET, code, "authorization_code");
    }

    private Map<String, Object> stableToken(String body) {
        Request r = new Request.Builder()
                .url(wire.server.baseUrl() + "/cgi-bin/stable_token")
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build();
        try {
            return Wire.json(wire.http.newCall(r).execute());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aConfiguredOrDefaultJsCodeGivesTheOpenidAndCurrentSessionKey() {
        Map<String, Object> a = login("jscode-" + ALICE);
        assertEquals(ALICE, a.get("openid"));
        assertEquals(ALICE_KEY, a.get("session_key"));
        assertFalse(a.containsKey("errcode"), a.toString());
        Map<String, Object> b = login("bob-code-1");
        assertEquals(BOB, b.get("openid"));
        assertEquals(BOB_KEY, b.get("session_key"));
        assertEquals(40029, errcode(login("jscode-" + BOB)), "bob's code is the configured one");

        // Reusable by default; after a new login (rotation) the code answers the new key.
        wire.admin().rotateSessionKey(ALICE, Secret.of("rotated-key-1"));
        assertEquals("rotated-key-1", login("jscode-" + ALICE).get("session_key"));
    }

    @Test
    void wrongCodesCredentialsAndParametersGetTheirErrcodes() {
        Map<String, Object> bad = login("no-such-code");
        assertEquals(40029, errcode(bad));
        assertEquals("invalid code", bad.get("errmsg"));
        assertEquals(40125, errcode(login("wx-test-app", "wrong-secret", "jscode-" + ALICE, "authorization_code")));
        assertEquals(40013, errcode(login("wx-other", SECRET, "jscode-" + ALICE, "authorization_code")));
        assertEquals(40002, errcode(login("wx-test-app", SECRET, "jscode-" + ALICE, "client_credential")));
        assertEquals(41002, errcode(login(null, SECRET, "jscode-" + ALICE, "authorization_code")));
        assertEquals(41004, errcode(login("wx-test-app", null, "jscode-" + ALICE, "authorization_code")));
        assertEquals(41008, errcode(login("wx-test-app", SECRET, null, "authorization_code")));
        Map<String, Object> twice = Wire.json(wire.get("/sns/jscode2session?appid=wx-test-app&secret=" + SECRET
                + "&js_code=a&js_code=b&grant_type=authorization_code"));
        assertEquals(90018, errcode(twice));
        assertTrue(((String) twice.get("errmsg")).startsWith("[js_code]"), twice.toString());
        Map<String, Object> post = stableTokenAt("/sns/jscode2session?appid=wx-test-app");
        assertEquals(43001, errcode(post));
    }

    private Map<String, Object> stableTokenAt(String pathAndQuery) {
        Request r = new Request.Builder()
                .url(wire.server.baseUrl() + pathAndQuery)
                .post(RequestBody.create("{}", MediaType.get("application/json")))
                .build();
        try {
            return Wire.json(wire.http.newCall(r).execute());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void withJsCodeOnceASecondUseIs40163() {
        wire.close();
        wire = start(true);
        assertEquals(ALICE, login("jscode-" + ALICE).get("openid"));
        Map<String, Object> again = login("jscode-" + ALICE);
        assertEquals(40163, errcode(again));
        assertEquals(BOB, login("bob-code-1").get("openid"));
    }

    @Test
    void stableTokenAnswersTheTokenThePaymentCallsAccept() {
        Map<String, Object> t = stableToken(
                "{\"grant_type\":\"client_credential\",\"appid\":\"wx-test-app\",\"secret\":\"" + SECRET + "\"}");
        assertEquals(Wire.TOKEN, t.get("access_token"));
        assertEquals(7200.0, ((Number) t.get("expires_in")).doubleValue());
        Map<String, Object> forced = stableToken("{\"grant_type\":\"client_credential\",\"appid\":\"wx-test-app\","
                + "\"secret\":\"" + SECRET + "\",\"force_refresh\":true}");
        assertEquals(Wire.TOKEN, forced.get("access_token"));
        // the token it gave is the one a payment call is checked against
        assertEquals(0, errcode(wire.v1("getbalance", false, Wire.v1Params(ALICE))));
        wire.admin().setAccessToken(Secret.of("next-token"));
        assertEquals(
                "next-token",
                stableToken("{\"grant_type\":\"client_credential\",\"appid\":\"wx-test-app\"," + "\"secret\":\""
                                + SECRET + "\"}")
                        .get("access_token"));
    }

    @Test
    void stableTokenRefusesWrongCredentialsAndBadBodies() {
        assertEquals(
                40125,
                errcode(stableToken(
                        "{\"grant_type\":\"client_credential\",\"appid\":\"wx-test-app\"," + "\"secret\":\"nope\"}")));
        assertEquals(
                40013,
                errcode(stableToken("{\"grant_type\":\"client_credential\",\"appid\":\"wx-x\"," + "\"secret\":\""
                        + SECRET + "\"}")));
        assertEquals(
                40002,
                errcode(stableToken("{\"grant_type\":\"authorization_code\",\"appid\":\"wx-test-app\","
                        + "\"secret\":\"" + SECRET + "\"}")));
        assertEquals(41004, errcode(stableToken("{\"grant_type\":\"client_credential\",\"appid\":\"wx-test-app\"}")));
        assertEquals(47001, errcode(stableToken("{\"grant_type\":\"client_credential\",")));
        assertEquals(
                47001, errcode(stableToken("{\"grant_type\":\"client_credential\",\"appid\":1,\"secret\":\"x\"}")));
        assertEquals(
                47001,
                errcode(stableToken("{\"grant_type\":\"client_credential\",\"appid\":\"wx-test-app\"," + "\"secret\":\""
                        + SECRET + "\",\"force_refresh\":\"yes\"}")));
        Map<String, Object> get = Wire.json(wire.get("/cgi-bin/stable_token"));
        assertEquals(43002, errcode(get));
    }

    @Test
    void withoutAnAppSecretBothEndpointsRefuseAndTheConfigurationIsChecked() {
        wire.close();
        wire = Wire.start();
        assertEquals(40125, errcode(login("jscode-" + ALICE)));
        assertThrows(
                InvalidConfigException.class,
                () -> SimulatorConfig.parse(Wire.CONFIG.replace(
                        "\"access_token\": \"test-access-token\",",
                        "\"access_token\": \"t\", \"appid\": \"wx-other\",")));
        assertThrows(
                InvalidConfigException.class,
                () -> SimulatorConfig.parse(Wire.CONFIG.replace(
                        "\"o-bob\", \"session_key\"", "\"o-bob\", \"js_code\": \"jscode-o-alice\", \"session_key\"")));
        assertThrows(
                InvalidConfigException.class,
                () -> SimulatorConfig.parse(Wire.CONFIG.replace(
                        "\"access_token\": \"test-access-token\",", "\"access_token\": \"t\", \"js_code_once\": 1,")));
        SimulatorConfig demo = SimulatorConfig.demo();
        assertEquals("demo-app-secret", demo.appSecret().orElseThrow().reveal());
        assertEquals("jscode-demo-player-1", demo.players().get(0).jsCode());
    }
}
