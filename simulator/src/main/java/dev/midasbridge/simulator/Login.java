package dev.midasbridge.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two credential endpoints a game server calls besides payment, answered from the configuration:
 * {@code GET /sns/jscode2session} (a player's js_code for its openid and current session key) and
 * {@code POST /cgi-bin/stable_token} (the app's AppSecret for the access token the payment calls carry).
 * Errcodes follow the official pages (code2Session: 40029 invalid code; getStableAccessToken: 40002 grant_type,
 * 40013 appid, 40125 appsecret, 41002/41004 missing) and WeChat's wire behaviour (40163 code been used, 41008 missing
 * code, 47001 data format error). Never logs a secret, a code or a session key.
 */
final class Login {
    private static final Logger LOG = LoggerFactory.getLogger(Login.class);
    static final String JSCODE2SESSION = "/sns/jscode2session";
    static final String STABLE_TOKEN = "/cgi-bin/stable_token";
    /** Seconds the access token is said to last, as WeChat answers (7200 s). */
    static final long EXPIRES_IN = 7200;

    private final SimulatorConfig config;
    private final Sessions sessions;
    private final AtomicReference<Secret> accessToken;
    private final Map<String, String> openidByCode = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();

    Login(SimulatorConfig config, Sessions sessions, AtomicReference<Secret> accessToken) {
        this.config = config;
        this.sessions = sessions;
        this.accessToken = accessToken;
        for (SimulatorConfig.PlayerSeed p : config.players()) {
            openidByCode.putIfAbsent(p.jsCode(), p.openid());
        }
    }

    /** {@code /sns/jscode2session}: {@code openid} and {@code session_key}, or an errcode answer. */
    Map<String, Object> jscode2session(Map<String, String> query) {
        String appid = query.get("appid");
        String secret = query.get("secret");
        String code = query.get("js_code");
        String grantType = query.get("grant_type");
        Map<String, Object> refused = credentials(appid, secret, "authorization_code", grantType);
        if (refused == null && (code == null || code.isEmpty())) {
            refused = Api.error(41008, "missing code");
        }
        if (refused != null) {
            LOG.info("{} -> {} {}", JSCODE2SESSION, refused.get("errcode"), refused.get("errmsg"));
            return refused;
        }
        String openid = openidByCode.get(code);
        if (openid == null) {
            LOG.info("{} -> 40029 invalid code", JSCODE2SESSION);
            return Api.error(40029, "invalid code");
        }
        if (config.jsCodeOnce() && !usedCodes.add(code)) {
            LOG.info("{} -> 40163 code been used (openid {})", JSCODE2SESSION, Text.clip(openid));
            return Api.error(40163, "code been used");
        }
        Sessions.Keys keys = sessions.keys(openid);
        if (keys == null) {
            return Api.error(-1, "system error: the player has no session in the stand-in");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("openid", openid);
        m.put("session_key", keys.current().reveal());
        LOG.info("{} -> 0 openid {}", JSCODE2SESSION, Text.clip(openid));
        return m;
    }

    /** {@code /cgi-bin/stable_token}: {@code access_token} and {@code expires_in}, or an errcode answer. */
    Map<String, Object> stableToken(byte[] body) {
        Map<String, Object> tree;
        try {
            tree = JsonTree.parseObject(body);
        } catch (JsonTree.DuplicateKey e) {
            return Api.error(47001, "data format error: " + Text.clip(e.key()) + " appears more than once in the body");
        } catch (JsonTree.Malformed e) {
            return Api.error(47001, "data format error: the body must be a JSON object (" + e.getMessage() + ")");
        }
        for (String field : new String[] {"grant_type", "appid", "secret"}) {
            Object v = tree.get(field);
            if (v != null && !(v instanceof String)) {
                return Api.error(
                        47001, "data format error: " + field + " must be a string, found " + JsonTree.typeName(v));
            }
        }
        Object force = tree.get("force_refresh");
        if (force != null && !(force instanceof Boolean)) {
            return Api.error(
                    47001, "data format error: force_refresh must be true or false, found " + JsonTree.typeName(force));
        }
        Map<String, Object> refused =
                credentials((String) tree.get("appid"), (String) tree.get("secret"), "client_credential", (String)
                        tree.get("grant_type"));
        if (refused != null) {
            LOG.info("{} -> {} {}", STABLE_TOKEN, refused.get("errcode"), refused.get("errmsg"));
            return refused;
        }
        // force_refresh does not rotate the token: the configured one (or the admin API's latest) stays valid.
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", accessToken.get().reveal());
        m.put("expires_in", EXPIRES_IN);
        LOG.info("{} -> 0", STABLE_TOKEN);
        return m;
    }

    /** Null when appid, secret and grant_type are right; else the errcode answer. */
    private Map<String, Object> credentials(String appid, String secret, String expectedGrant, String grantType) {
        if (appid == null || appid.isEmpty()) {
            return Api.error(41002, "appid missing");
        }
        if (secret == null || secret.isEmpty()) {
            return Api.error(41004, "appsecret missing");
        }
        if (!expectedGrant.equals(grantType)) {
            return Api.error(40002, "invalid grant_type: it must be " + expectedGrant);
        }
        if (!appid.equals(config.midasV1().appId())) {
            return Api.error(40013, "invalid appid");
        }
        Optional<Secret> configured = config.appSecret();
        if (configured.isEmpty()) {
            return Api.error(40125, "invalid appsecret (the stand-in has no app_secret configured)");
        }
        if (!Hmac.equal(secret, configured.get().reveal())) {
            return Api.error(40125, "invalid appsecret");
        }
        return null;
    }
}
