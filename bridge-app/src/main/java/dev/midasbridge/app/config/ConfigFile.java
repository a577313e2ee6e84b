package dev.midasbridge.app.config;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.push.PayEventSignature;
import dev.midasbridge.core.push.PushChannelSecurity;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.Sleeper;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.midas.v1.MidasV1Config;
import dev.midasbridge.payv2.PayV2Config;
import dev.midasbridge.token.StableTokenConfig;
import dev.midasbridge.token.StableTokenProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CLI's configuration file (JSON; the format is in the README) turned into typed {@link BridgeSettings}. Secrets
 * are never in the file: it names the environment variables that hold them (with defaults), read from the
 * {@code env} map given. Every error names the field.
 */
public final class ConfigFile {
    /** The environment variables secrets are read from when the file names none. */
    public static final String DEFAULT_ACCESS_TOKEN_ENV = "MIDAS_BRIDGE_ACCESS_TOKEN";

    public static final String DEFAULT_APP_SECRET_ENV = "MIDAS_BRIDGE_APP_SECRET";
    public static final String DEFAULT_V1_KEY_ENV = "MIDAS_V1_APP_KEY";
    public static final String DEFAULT_V1_SANDBOX_KEY_ENV = "MIDAS_V1_SANDBOX_APP_KEY";
    public static final String DEFAULT_V2_KEY_ENV = "PAY_V2_APP_KEY";
    public static final String DEFAULT_V2_SANDBOX_KEY_ENV = "PAY_V2_SANDBOX_APP_KEY";
    public static final String DEFAULT_JOURNAL_PASSWORD_ENV = "MIDAS_BRIDGE_JOURNAL_PASSWORD";
    /** The pay_v2 message-push channel's Token (消息推送 Token). */
    public static final String DEFAULT_PUSH_TOKEN_ENV = "MIDAS_BRIDGE_PUSH_TOKEN";
    /** The pay_v2 message-push channel's EncodingAESKey (safe mode). */
    public static final String DEFAULT_PUSH_AES_KEY_ENV = "MIDAS_BRIDGE_PUSH_AES_KEY";

    private static final Set<String> TOP = Set.of(
            "base_url",
            "sandbox",
            "access_token",
            "midas_v1",
            "pay_v2",
            "routing",
            "retry",
            "call_timeout_ms",
            "shadow_reads",
            "legacy_order_prefix",
            "flag_after_hours",
            "unjournaled_order_version",
            "journal",
            "push");

    /** What every {@code *_env} field must hold: the name of an environment variable, never the secret itself. */
    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[A-Z_][A-Z0-9_]*");

    /** The environment variable naming the folder of the per-user default journal (default {@code ~/.midas-bridge}). */
    public static final String HOME_ENV = "MIDAS_BRIDGE_HOME";

    private final Map<String, Object> root;
    private final Map<String, String> env;
    private final String source;
    /** The folder relative paths in the file resolve against: the file's own folder. */
    private final Path baseDir;

    private ConfigFile(Map<String, Object> root, Map<String, String> env, String source, Path baseDir) {
        this.root = root;
        this.env = env;
        this.source = source;
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /** Reads {@code file}; throws {@link ConfigException} for a missing file or malformed JSON. */
    public static ConfigFile load(Path file, Map<String, String> env) {
        try {
            Path dir = file.toAbsolutePath().normalize().getParent();
            return parse(
                    Files.readString(file, StandardCharsets.UTF_8),
                    env,
                    file.toString(),
                    dir == null ? Path.of("/") : dir);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " could not be read: " + e.getMessage());
        }
    }

    /** Parses configuration text; {@code source} names it in errors; relative paths resolve against the current folder. */
    public static ConfigFile parse(String json, Map<String, String> env, String source) {
        return parse(json, env, source, Path.of(""));
    }

    /** Parses configuration text; {@code source} names it in errors; relative paths resolve against {@code baseDir}. */
    @SuppressWarnings("unchecked")
    public static ConfigFile parse(String json, Map<String, String> env, String source, Path baseDir) {
        Object value;
        try {
            JsonReader reader = JsonReader.of(new okio.Buffer().writeUtf8(json));
            value = new Moshi.Builder().build().adapter(Object.class).fromJson(reader);
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new ConfigException(source + ": unexpected text after the JSON object");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            throw new ConfigException(source + " is not valid JSON: " + e.getMessage());
        }
        if (!(value instanceof Map)) {
            throw new ConfigException(source + ": the configuration must be a JSON object");
        }
        Map<String, Object> root = (Map<String, Object>) value;
        unknownKeys("", root, TOP, source);
        return new ConfigFile(root, Map.copyOf(env), source, baseDir);
    }

    /** Whether calls go to the sandbox (false: production). */
    public Environment environment() {
        return bool(root, "sandbox", false) ? Environment.SANDBOX : Environment.PRODUCTION;
    }

    /** The base URL of both APIs (default WeChat's). */
    public String baseUrl() {
        return text(root, "base_url", "https://api.weixin.qq.com");
    }

    /** The bridge settings, with {@code baseUrlOverride} (e.g. --base-url) taking the place of the file's. */
    public BridgeSettings settings(Optional<String> baseUrlOverride, Sleeper sleeper) {
        String baseUrl = baseUrlOverride.orElse(baseUrl());
        Duration callTimeout = Duration.ofMillis(number(root, "call_timeout_ms", 5_000, 1, 600_000));
        Map<String, Object> v1 = object(root, "midas_v1", true);
        unknownKeys("midas_v1.", v1, Set.of("appid", "offer_id", "pf", "app_key_env", "sandbox_app_key_env"), source);
        Map<String, Object> v2 = object(root, "pay_v2", true);
        unknownKeys("pay_v2.", v2, Set.of("offer_id", "app_key_env", "sandbox_app_key_env"), source);
        ApiCredentials v1Creds = ApiCredentials.midasV1(
                required(v1, "midas_v1.appid", "appid"),
                required(v1, "midas_v1.offer_id", "offer_id"),
                secret(v1, "midas_v1.app_key_env", "app_key_env", DEFAULT_V1_KEY_ENV),
                secret(v1, "midas_v1.sandbox_app_key_env", "sandbox_app_key_env", DEFAULT_V1_SANDBOX_KEY_ENV));
        ApiCredentials v2Creds = ApiCredentials.payV2(
                required(v2, "pay_v2.offer_id", "offer_id"),
                secret(v2, "pay_v2.app_key_env", "app_key_env", DEFAULT_V2_KEY_ENV),
                secret(v2, "pay_v2.sandbox_app_key_env", "sandbox_app_key_env", DEFAULT_V2_SANDBOX_KEY_ENV));
        MidasV1Config v1Config = MidasV1Config.builder(v1Creds)
                .baseUrl(baseUrl)
                .callTimeout(callTimeout)
                .pf(text(v1, "pf", MidasV1Config.DEFAULT_PF))
                .build();
        PayV2Config v2Config = PayV2Config.builder(v2Creds)
                .baseUrl(baseUrl)
                .callTimeout(callTimeout)
                .build();
        BridgeConfig.Builder bridge = BridgeConfig.builder()
                .router(router())
                .callTimeout(callTimeout)
                .shadowReads(bool(root, "shadow_reads", false))
                .retry(retry(sleeper))
                .flagAfter(flagAfter());
        if (root.containsKey("legacy_order_prefix") && root.get("legacy_order_prefix") != null) {
            bridge.legacyOrderPrefix(text(root, "legacy_order_prefix", null));
        }
        unjournaledOrderVersion().ifPresent(bridge::unjournaledOrderVersion);
        try {
            return new BridgeSettings(v1Config, v2Config, tokens(baseUrl), bridge.build(), journal());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    /**
     * The pay_v2 message-push channel of {@code "push": {"appid", "token_env", "encoding_aes_key_env"}}: the Token
     * from {@code token_env} (default {@value #DEFAULT_PUSH_TOKEN_ENV}) and, when {@code encoding_aes_key_env}
     * (default {@value #DEFAULT_PUSH_AES_KEY_ENV}) is set, the EncodingAESKey of safe mode with the mini-game's
     * {@code appid} ({@code push.appid}, default {@code midas_v1.appid}). A file without {@code push} still works
     * (the variables are read all the same).
     */
    public PushChannelSecurity pushChannel() {
        Map<String, Object> p = object(root, "push", false);
        unknownKeys("push.", p, Set.of("appid", "token_env", "encoding_aes_key_env"), source);
        Secret token = secret(p, "push.token_env", "token_env", DEFAULT_PUSH_TOKEN_ENV);
        String aesEnv = envName(p, "push.encoding_aes_key_env", "encoding_aes_key_env", DEFAULT_PUSH_AES_KEY_ENV);
        String aes = env.get(aesEnv);
        if (aes == null || aes.isEmpty()) {
            if (p.containsKey("encoding_aes_key_env")) {
                throw new ConfigException("push.encoding_aes_key: set the environment variable " + aesEnv
                        + " (named by push.encoding_aes_key_env)");
            }
            return PushChannelSecurity.plain(token);
        }
        String appId = text(p, "appid", null);
        if (appId == null) {
            appId = text(object(root, "midas_v1", false), "appid", null);
        }
        if (appId == null || appId.isBlank()) {
            throw new ConfigException(source + ": push.appid is required for safe mode (the envelope names the"
                    + " mini-game's appid), or set midas_v1.appid");
        }
        try {
            return PushChannelSecurity.safe(token, Secret.of(aes), appId);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("push.encoding_aes_key (" + aesEnv + "): " + e.getMessage());
        }
    }

    /** The pay_v2 AppKeys that sign push events ({@code PayEventSig}), from the {@code pay_v2} section. */
    public PayEventSignature payEventKeys() {
        Map<String, Object> v2 = object(root, "pay_v2", true);
        return PayEventSignature.of(
                secret(v2, "pay_v2.app_key_env", "app_key_env", DEFAULT_V2_KEY_ENV),
                secret(v2, "pay_v2.sandbox_app_key_env", "sandbox_app_key_env", DEFAULT_V2_SANDBOX_KEY_ENV));
    }

    /**
     * The version that refunds a deduction the journal does not know ({@code "unjournaled_order_version": "v1"} or
     * {@code "v2"}); none by default, and such a refund is then refused unless the command names one.
     */
    public Optional<ApiVersion> unjournaledOrderVersion() {
        String v = text(root, "unjournaled_order_version", null);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiVersion.parse(v));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": unjournaled_order_version must be \"v1\" or \"v2\" (or midas_v1,"
                    + " pay_v2), not \"" + v + "\"");
        }
    }

    /** After how long an unresolved order is flagged for a person (default 6 hours). */
    public Duration flagAfter() {
        return Duration.ofHours(number(root, "flag_after_hours", 6, 1, 47));
    }

    /**
     * The journal the file names. {@code "embedded": PATH} is an H2 file; a relative PATH resolves against this
     * file's folder (never the current one), {@code ~/} against the user's home. A named journal that does not exist
     * is an error unless {@code "create": true}. With no {@code journal} setting: the per-user default
     * {@link #defaultJournal} (created on first use). {@code lock_wait_ms}: how long to wait while another process
     * has an embedded journal open (default 30000).
     */
    public JournalSettings journal() {
        Map<String, Object> j = object(root, "journal", false);
        unknownKeys(
                "journal.",
                j,
                Set.of(
                        "embedded",
                        "create",
                        "lock_wait_ms",
                        "url",
                        "user",
                        "password_env",
                        "table_prefix",
                        "pool_size"),
                source);
        String passwordEnv = envName(j, "journal.password_env", "password_env", DEFAULT_JOURNAL_PASSWORD_ENV);
        if (j.containsKey("url")) {
            String pw = env.get(passwordEnv);
            return new JournalSettings.Jdbc(
                    text(j, "url", null),
                    text(j, "user", ""),
                    pw == null || pw.isEmpty() ? Optional.empty() : Optional.of(Secret.of(pw)),
                    text(j, "table_prefix", "mb_"),
                    (int) number(j, "pool_size", 4, 1, 64));
        }
        Duration wait = Duration.ofMillis(number(j, "lock_wait_ms", 30_000, 0, 600_000, "journal."));
        String named = text(j, "embedded", null);
        if (named == null) {
            for (Path old : List.of(
                    baseDir.resolve(".bridge/journal.mv.db"),
                    Path.of(".bridge/journal.mv.db").toAbsolutePath())) {
                if (Files.exists(old)) {
                    throw new ConfigException(source + ": names no journal, but a journal exists at the old default "
                            + old + ": name it (\"journal\": {\"embedded\": \""
                            + old.toString().replace("\\", "/").replaceAll("\\.mv\\.db$", "")
                            + "\"}) so it is not left behind");
                }
            }
            return new JournalSettings.Embedded(defaultJournal(env), bool(j, "create", true), wait);
        }
        if (named.isBlank()) {
            throw new ConfigException(source + ": journal.embedded must name a file");
        }
        Path path = named.startsWith("~/") ? home().resolve(named.substring(2)) : baseDir.resolve(named);
        return new JournalSettings.Embedded(path, bool(j, "create", false), wait);
    }

    /**
     * The per-user default journal: {@code $MIDAS_BRIDGE_HOME/journal} if that variable is set, else
     * {@code ~/.midas-bridge/journal}.
     */
    public static Path defaultJournal(Map<String, String> env) {
        String home = env.get(HOME_ENV);
        Path dir = home != null && !home.isBlank() ? Path.of(home) : home().resolve(".midas-bridge");
        return dir.resolve("journal").toAbsolutePath().normalize();
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    private Router router() {
        Map<String, Object> r = object(root, "routing", false);
        Set<String> keys =
                Set.of("pay_v2_percent", "pay_v2_openids", "midas_v1_openids", "pay_v2_zones", "midas_v1_zones");
        Set<String> allowed = new HashSet<>(keys);
        allowed.add("sandbox");
        unknownKeys("routing.", r, allowed, source);
        Map<Environment, RoutingPolicy> policies = new EnumMap<>(Environment.class);
        policies.put(Environment.PRODUCTION, policy("routing.", r));
        Map<String, Object> sandbox = object(r, "sandbox", false);
        unknownKeys("routing.sandbox.", sandbox, keys, source);
        policies.put(
                Environment.SANDBOX,
                r.containsKey("sandbox") ? policy("routing.sandbox.", sandbox) : policies.get(Environment.PRODUCTION));
        return Router.create(policies);
    }

    private RoutingPolicy policy(String prefix, Map<String, Object> r) {
        return RoutingPolicy.percentOnPayV2((int) number(r, "pay_v2_percent", 0, 0, 100, prefix))
                .withPayV2Openids(list(r, "pay_v2_openids", prefix))
                .withMidasV1Openids(list(r, "midas_v1_openids", prefix))
                .withPayV2Zones(list(r, "pay_v2_zones", prefix))
                .withMidasV1Zones(list(r, "midas_v1_zones", prefix));
    }

    private RetryPolicy retry(Sleeper sleeper) {
        Map<String, Object> r = object(root, "retry", false);
        unknownKeys("retry.", r, Set.of("max_attempts", "initial_backoff_ms", "max_backoff_ms", "budget_ms"), source);
        RetryPolicy d = RetryPolicy.defaults();
        long initial = number(r, "initial_backoff_ms", d.initialBackoff().toMillis(), 0, 60_000, "retry.");
        long max = number(r, "max_backoff_ms", d.maxBackoff().toMillis(), initial, 600_000, "retry.");
        return new RetryPolicy(
                (int) number(r, "max_attempts", d.maxAttempts(), 1, 100, "retry."),
                Duration.ofMillis(initial),
                Duration.ofMillis(max),
                Duration.ofMillis(number(r, "budget_ms", d.budget().toMillis(), 1, 3_600_000, "retry.")),
                sleeper);
    }

    private AccessTokenProvider tokens(String baseUrl) {
        Map<String, Object> t = object(root, "access_token", false);
        unknownKeys("access_token.", t, Set.of("env", "stable_token"), source);
        String name = envName(t, "access_token.env", "env", DEFAULT_ACCESS_TOKEN_ENV);
        if (t.containsKey("stable_token")) {
            Map<String, Object> s = object(t, "stable_token", true);
            unknownKeys("access_token.stable_token.", s, Set.of("appid", "secret_env"), source);
            return StableTokenProvider.create(StableTokenConfig.builder(
                            required(s, "access_token.stable_token.appid", "appid"),
                            secret(s, "access_token.stable_token.secret_env", "secret_env", DEFAULT_APP_SECRET_ENV))
                    .baseUrl(baseUrl)
                    .build());
        }
        String token = env.get(name);
        if (token == null || token.isEmpty()) {
            throw new ConfigException("access token: set the environment variable " + name
                    + " (named by access_token.env), or configure access_token.stable_token");
        }
        return AccessTokenProvider.fixed(token);
    }

    /**
     * The environment variable named by {@code field} (or {@code defaultEnv}). A value that is not a variable name
     * ({@code [A-Z_][A-Z0-9_]*}) is most often the secret itself pasted into the wrong field: the error says what the
     * field must hold and never repeats the value.
     */
    private String envName(Map<String, Object> m, String field, String key, String defaultEnv) {
        Object v = m.get(key);
        if (v == null) {
            return defaultEnv;
        }
        if (!(v instanceof String name) || !ENV_NAME.matcher(name).matches()) {
            throw new ConfigException(source + ": " + field + " must name an environment variable (letters A-Z,"
                    + " digits and _, not starting with a digit, e.g. " + defaultEnv + "); the secret itself goes in"
                    + " that variable, never in the file (the value given is not shown, in case it is the secret)");
        }
        return name;
    }

    private Secret secret(Map<String, Object> m, String field, String key, String defaultEnv) {
        String name = envName(m, field, key, defaultEnv);
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(field.substring(0, field.length() - 4) + ": set the environment variable " + name
                    + (m.containsKey(key) ? " (named by " + field + ")" : ""));
        }
        return Secret.of(value);
    }

    // --- typed access with errors that name the field ----------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Map<String, Object> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                throw new ConfigException(source + ": " + key + " is required");
            }
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new ConfigException(source + ": " + key + " must be a JSON object");
        }
        return (Map<String, Object>) v;
    }

    private String required(Map<String, Object> m, String field, String key) {
        String v = text(m, key, null);
        if (v == null || v.isBlank()) {
            throw new ConfigException(source + ": " + field + " is required");
        }
        return v;
    }

    private String text(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new ConfigException(source + ": " + key + " must be a string, not " + v);
        }
        return s;
    }

    private boolean bool(Map<String, Object> m, String key, boolean fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new ConfigException(source + ": " + key + " must be true or false, not " + v);
        }
        return b;
    }

    private long number(Map<String, Object> m, String key, long fallback, long min, long max) {
        return number(m, key, fallback, min, max, "");
    }

    private long number(Map<String, Object> m, String key, long fallback, long min, long max, String prefix) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Double d) || d != Math.rint(d) || d < min || d > max) {
            throw new ConfigException(
                    source + ": " + prefix + key + " must be a whole number from " + min + " to " + max + ", not " + v);
        }
        return d.longValue();
    }

    private Set<String> list(Map<String, Object> m, String key, String prefix) {
        Object v = m.get(key);
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof List<?> l) || !l.stream().allMatch(String.class::isInstance)) {
            throw new ConfigException(source + ": " + prefix + key + " must be a list of strings");
        }
        Set<String> out = new LinkedHashSet<>();
        l.forEach(x -> out.add((String) x));
        return out;
    }

    private static void unknownKeys(String prefix, Map<String, Object> m, Set<String> known, String source) {
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                throw new ConfigException(source + ": unknown setting " + prefix + k + " (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
