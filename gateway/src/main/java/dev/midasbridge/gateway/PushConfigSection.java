package dev.midasbridge.gateway;

import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.config.ConfigException;
import dev.midasbridge.core.credentials.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code push} and {@code client_payment} sections of the gateway's configuration file:
 *
 * <pre>
 * "push": { "path": "/bridge/push", "token_env": "MIDAS_BRIDGE_PUSH_TOKEN",
 *           "encoding_aes_key_env": "MIDAS_BRIDGE_PUSH_AES_KEY", "appid": "wx…", "forward_url": "http://game/wechat",
 *           "in_flight_wait_ms": 3000,
 *           "webhook": { "url": "http://game:9000/deliver", "token_env": "MIDAS_BRIDGE_WEBHOOK_TOKEN",
 *                        "timeout_ms": 5000, "max_attempts": 5, "initial_backoff_ms": 200,
 *                        "max_backoff_ms": 5000, "claim_ms": 60000 } },
 * "client_payment": { "path": "/bridge/client-payment", "token_file": "client-payment.token" }
 * </pre>
 */
final class PushConfigSection {
    static final String DEFAULT_PUSH_TOKEN_ENV = "MIDAS_BRIDGE_PUSH_TOKEN";
    static final String DEFAULT_AES_KEY_ENV = "MIDAS_BRIDGE_PUSH_AES_KEY";
    static final String DEFAULT_WEBHOOK_TOKEN_ENV = "MIDAS_BRIDGE_WEBHOOK_TOKEN";

    private PushConfigSection() {}

    static PushSettings parse(
            Map<String, Object> root, Map<String, String> env, String source, BridgeSettings bridge, Path dir) {
        try {
            return new PushSettings(push(root, env, source, bridge), clientPayment(root, source, dir));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    private static Optional<PushSettings.Push> push(
            Map<String, Object> root, Map<String, String> env, String source, BridgeSettings bridge) {
        if (!root.containsKey("push")) {
            return Optional.empty();
        }
        Map<String, Object> p = GatewayConfigFile.section(root, "push", source);
        GatewayConfigFile.unknown(
                "push.",
                p,
                Set.of(
                        "path",
                        "token_env",
                        "encoding_aes_key_env",
                        "appid",
                        "forward_url",
                        "webhook",
                        "in_flight_wait_ms"),
                source);
        String tokenEnv = GatewayConfigFile.envName(p, "token_env", DEFAULT_PUSH_TOKEN_ENV, source);
        String token = env.get(tokenEnv);
        if (token == null || token.isBlank()) {
            throw new ConfigException(source + ": environment variable " + tokenEnv + " (push.token_env) must hold"
                    + " the message-push Token configured for the mini game");
        }
        Optional<Secret> aes = Optional.empty();
        if (p.containsKey("encoding_aes_key_env")) {
            String aesEnv = GatewayConfigFile.envName(p, "encoding_aes_key_env", DEFAULT_AES_KEY_ENV, source);
            String key = env.get(aesEnv);
            if (key == null || key.isBlank()) {
                throw new ConfigException(source + ": environment variable " + aesEnv
                        + " (push.encoding_aes_key_env) must hold the 43-character EncodingAESKey for safe mode");
            }
            aes = Optional.of(Secret.of(key.strip()));
        }
        String appId = GatewayConfigFile.text(
                p, "appid", bridge.midasV1().credentials().appId().orElse(null), source);
        if (appId == null || appId.isBlank()) {
            throw new ConfigException(source + ": push.appid (the mini game's appid) is required");
        }
        Map<String, Object> w = GatewayConfigFile.section(p, "webhook", source);
        GatewayConfigFile.unknown(
                "push.webhook.",
                w,
                Set.of(
                        "url",
                        "token_env",
                        "timeout_ms",
                        "max_attempts",
                        "initial_backoff_ms",
                        "max_backoff_ms",
                        "claim_ms"),
                source);
        String url = GatewayConfigFile.text(w, "url", null, source);
        if (url == null) {
            throw new ConfigException(
                    source + ": push.webhook.url (where verified payment events are delivered)" + " is required");
        }
        Optional<Secret> webhookToken = Optional.empty();
        if (w.containsKey("token_env")) {
            String name = GatewayConfigFile.envName(w, "token_env", DEFAULT_WEBHOOK_TOKEN_ENV, source);
            String t = env.get(name);
            if (t == null || t.isBlank()) {
                throw new ConfigException(
                        source + ": environment variable " + name + " (push.webhook.token_env) is not set");
            }
            webhookToken = Optional.of(Secret.of(t));
        }
        Duration timeout = Duration.ofMillis(GatewayConfigFile.number(w, "timeout_ms", 5000, 100, 600_000, source));
        Duration initial =
                Duration.ofMillis(GatewayConfigFile.number(w, "initial_backoff_ms", 200, 1, 600_000, source));
        Duration max = Duration.ofMillis(GatewayConfigFile.number(w, "max_backoff_ms", 5000, 1, 600_000, source));
        long defaultClaim = Math.max(60_000, timeout.plus(max).toMillis() + 10_000);
        Duration claim =
                Duration.ofMillis(GatewayConfigFile.number(w, "claim_ms", defaultClaim, 1000, 86_400_000, source));
        return Optional.of(new PushSettings.Push(
                GatewayConfigFile.text(p, "path", PushSettings.DEFAULT_PUSH_PATH, source),
                Secret.of(token),
                aes,
                appId,
                uri(url, "push.webhook.url", source),
                webhookToken,
                Optional.ofNullable(GatewayConfigFile.text(p, "forward_url", null, source))
                        .map(u -> uri(u, "push.forward_url", source)),
                timeout,
                (int) GatewayConfigFile.number(w, "max_attempts", 5, 1, 100, source),
                initial,
                max,
                claim,
                Duration.ofMillis(GatewayConfigFile.number(p, "in_flight_wait_ms", 3000, 0, 60_000, source))));
    }

    private static Optional<PushSettings.ClientPayment> clientPayment(
            Map<String, Object> root, String source, Path dir) {
        if (!root.containsKey("client_payment")) {
            return Optional.empty();
        }
        Map<String, Object> c = GatewayConfigFile.section(root, "client_payment", source);
        GatewayConfigFile.unknown("client_payment.", c, Set.of("path", "token_file"), source);
        String file = GatewayConfigFile.text(c, "token_file", null, source);
        if (file == null) {
            throw new ConfigException(source + ": client_payment.token_file (a file holding the bearer token callers"
                    + " of the client-payment endpoint present) is required");
        }
        Path path = file.startsWith("~/")
                ? Path.of(System.getProperty("user.home")).resolve(file.substring(2))
                : dir.resolve(file);
        String token;
        try {
            token = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(source + ": client_payment.token_file " + path + " could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (token.length() < 16 || token.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
            throw new ConfigException(source + ": client_payment.token_file " + path
                    + " must hold one token of at least 16 printable ASCII characters (e.g. `openssl rand -hex 32`)");
        }
        return Optional.of(new PushSettings.ClientPayment(
                GatewayConfigFile.text(c, "path", PushSettings.DEFAULT_CLIENT_PAYMENT_PATH, source), Secret.of(token)));
    }

    private static URI uri(String value, String what, String source) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + what + " is not a URL");
        }
    }
}
