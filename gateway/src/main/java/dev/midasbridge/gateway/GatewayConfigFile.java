package dev.midasbridge.gateway;

import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.config.ConfigException;
import dev.midasbridge.app.config.ConfigFile;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The gateway's configuration file: its own sections ({@code listen}, {@code admin}, {@code limits},
 * {@code session_keys}, {@code reconcile_interval_s}) and, under {@code bridge}, the bridge configuration
 * exactly as {@code bridge --config} reads it (credentials, routing, retries, journal); its {@code base_url} is
 * also where the gateway forwards everything it does not answer. Secrets are named by environment variables.
 */
public final class GatewayConfigFile {
    public static final String DEFAULT_ADMIN_TOKEN_ENV = "MIDAS_BRIDGE_ADMIN_TOKEN";
    public static final String DEFAULT_ENCRYPTION_KEY_ENV = "MIDAS_BRIDGE_SESSION_KEY_ENCRYPTION_KEY";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Set<String> TOP = Set.of(
            "listen",
            "admin",
            "limits",
            "session_keys",
            "reconcile_interval_s",
            "tls",
            "bridge",
            "push",
            "client_payment");

    /** Both halves of the configuration, and the push and client-payment endpoints ({@link PushSettings}). */
    public record Loaded(BridgeSettings bridge, GatewaySettings gateway, PushSettings push) {
        public Loaded(BridgeSettings bridge, GatewaySettings gateway) {
            this(bridge, gateway, PushSettings.none());
        }
    }

    private GatewayConfigFile() {}

    public static Loaded load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " could not be read: " + e.getMessage());
        }
        return parse(text, env, file.toString());
    }

    @SuppressWarnings("unchecked")
    public static Loaded parse(String json, Map<String, String> env, String source) {
        Map<String, Object> root;
        try {
            root = StrictJson.readObject(json);
        } catch (StrictJson.MalformedJsonException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
        unknown("", root, TOP, source);
        if (!(root.get("bridge") instanceof Map<?, ?> bridgeSection)) {
            throw new ConfigException(
                    source + ": \"bridge\" (the bridge configuration: credentials, routing," + " journal) is required");
        }
        ConfigFile bridgeFile =
                ConfigFile.parse(StrictJson.write(bridgeSection), env, source + " (bridge)", configDir(source));
        BridgeSettings bridge = bridgeFile.settings(Optional.empty(), Sleeper.REAL);
        GatewaySettings.Builder b = GatewaySettings.builder(bridgeFile.baseUrl());

        Map<String, Object> listen = section(root, "listen", source);
        unknown("listen.", listen, Set.of("host", "port"), source);
        b.listen(text(listen, "host", "127.0.0.1", source), (int) number(listen, "port", 8080, 0, 65535, source));

        Map<String, Object> admin = section(root, "admin", source);
        unknown("admin.", admin, Set.of("host", "port", "token_env"), source);
        String tokenEnv = envName(admin, "token_env", DEFAULT_ADMIN_TOKEN_ENV, source);
        String token = env.get(tokenEnv);
        b.admin(
                text(admin, "host", "127.0.0.1", source),
                (int) number(admin, "port", 8081, 0, 65535, source),
                token == null || token.isBlank() ? null : Secret.of(token));

        Map<String, Object> limits = section(root, "limits", source);
        unknown(
                "limits.",
                limits,
                Set.of(
                        "max_body_bytes",
                        "max_header_bytes",
                        "idle_timeout_ms",
                        "max_threads",
                        "max_connections",
                        "max_connections_per_address",
                        "body_timeout_ms",
                        "stop_timeout_ms",
                        "upstream_timeout_ms"),
                source);
        b.maxBodyBytes((int) number(limits, "max_body_bytes", 65536, 1024, 16 << 20, source))
                .maxHeaderBytes((int) number(limits, "max_header_bytes", 8192, 1024, 1 << 20, source))
                .idleTimeout(Duration.ofMillis(number(limits, "idle_timeout_ms", 30_000, 100, 3_600_000, source)))
                .maxThreads((int) number(limits, "max_threads", 64, 4, 4096, source))
                .maxConnections((int) number(limits, "max_connections", 1024, 1, 1_000_000, source))
                .maxConnectionsPerAddress(
                        (int) number(limits, "max_connections_per_address", 256, 1, 1_000_000, source))
                .bodyTimeout(Duration.ofMillis(number(limits, "body_timeout_ms", 10_000, 100, 600_000, source)))
                .stopTimeout(Duration.ofMillis(number(limits, "stop_timeout_ms", 15_000, 100, 600_000, source)))
                .upstreamTimeout(
                        Duration.ofMillis(number(limits, "upstream_timeout_ms", 30_000, 100, 600_000, source)));

        Map<String, Object> keys = section(root, "session_keys", source);
        unknown("session_keys.", keys, Set.of("encryption_key_env", "ttl_hours"), source);
        String keyEnv = envName(keys, "encryption_key_env", DEFAULT_ENCRYPTION_KEY_ENV, source);
        String key = env.get(keyEnv);
        if (key == null || key.isBlank()) {
            throw new ConfigException(source + ": environment variable " + keyEnv + " (session_keys."
                    + "encryption_key_env) must hold the base64 AES-256 key session keys are encrypted under"
                    + " (e.g. `openssl rand -base64 32`)");
        }
        b.sessionEncryptionKey(Secret.of(key), keyEnv)
                .sessionTtl(Duration.ofHours(number(keys, "ttl_hours", 72, 1, 24 * 365, source)));
        b.reconcileInterval(Duration.ofSeconds(number(root, "reconcile_interval_s", 60, 1, 86_400, source)));
        Map<String, Object> tls = section(root, "tls", source);
        unknown("tls.", tls, Set.of("keystore", "password_env"), source);
        if (tls.containsKey("keystore")) {
            Path store = Path.of(text(tls, "keystore", null, source));
            if (!Files.isReadable(store)) {
                throw new ConfigException(source + ": tls.keystore " + store + " is not a readable file");
            }
            String pwEnv = envName(tls, "password_env", "MIDAS_BRIDGE_TLS_PASSWORD", source);
            String pw = env.get(pwEnv);
            b.tls(store, pw == null || pw.isEmpty() ? null : Secret.of(pw));
        }
        try {
            PushSettings push = PushConfigSection.parse(root, env, source, bridge, configDir(source));
            return new Loaded(bridge, b.build(), push);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> root, String name, String source) {
        Object v = root.get(name);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new ConfigException(source + ": \"" + name + "\" must be an object");
        }
        return (Map<String, Object>) v;
    }

    static void unknown(String prefix, Map<String, Object> m, Set<String> known, String source) {
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                throw new ConfigException(
                        source + ": unknown setting \"" + prefix + k + "\"; known: " + new TreeSet<>(known));
            }
        }
    }

    static String text(Map<String, Object> m, String key, String fallback, String source) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new ConfigException(source + ": \"" + key + "\" must be a string");
        }
        return s;
    }

    static long number(Map<String, Object> m, String key, long fallback, long min, long max, String source) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long n) || n < min || n > max) {
            throw new ConfigException(source + ": \"" + key + "\" must be a whole number from " + min + " to " + max);
        }
        return n;
    }

    static String envName(Map<String, Object> m, String key, String fallback, String source) {
        String name = text(m, key, fallback, source);
        if (!ENV_NAME.matcher(name).matches()) {
            throw new ConfigException(
                    source + ": \"" + key + "\" must name an environment variable ([A-Z_][A-Z0-9_]*)");
        }
        return name;
    }

    /** The folder relative paths in the file are read from: the config file's, or the current one. */
    private static Path configDir(String source) {
        try {
            Path p = Path.of(source).toAbsolutePath().getParent();
            return p == null ? Path.of("").toAbsolutePath() : p;
        } catch (RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
