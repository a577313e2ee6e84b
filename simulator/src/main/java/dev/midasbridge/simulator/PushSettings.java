package dev.midasbridge.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how the stand-in pushes payment events (the {@code push} section of its configuration, or
 * {@code POST /__admin/push/config}): the game's message-push URL, the push {@code token}, the
 * {@code encoding_aes_key}, plain or safe mode, JSON or XML, and the retry schedule.
 *
 * <p>The documented schedules (waits before each retry after an attempt that was not answered with success):
 * coin-type events (event page, "12小时内总共会发起13次通知") 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h with 13
 * attempts in all; item delivery (goods page) 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, one attempt
 * per wait plus the first. {@code time_scale} divides those waits (1000: 15 s becomes 15 ms);
 * {@code retry_intervals_ms} replaces them for every event.
 */
record PushSettings(
        URI url,
        Secret token,
        Secret encodingAesKey,
        boolean safe,
        boolean xml,
        String appId,
        String toUserName,
        long timeScale,
        Optional<List<Duration>> retryIntervals,
        Optional<Integer> maxAttempts,
        Duration timeout,
        int threads,
        int maxPending,
        long coinPriceFen) {

    /** The keys a {@code push} object may hold; any other is refused (a typo must not be silently ignored). */
    static final Set<String> KEYS = Set.of(
            "url",
            "token",
            "encoding_aes_key",
            "mode",
            "format",
            "appid",
            "to_user_name",
            "time_scale",
            "retry_intervals_ms",
            "max_attempts",
            "timeout_ms",
            "threads",
            "max_pending",
            "coin_price_fen");

    /** Waits before each retry of coin-type events (event page). */
    static final List<Duration> COIN_SCHEDULE = List.of(
            Duration.ofSeconds(15),
            Duration.ofSeconds(15),
            Duration.ofSeconds(30),
            Duration.ofMinutes(3),
            Duration.ofMinutes(10),
            Duration.ofMinutes(20),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(60),
            Duration.ofHours(3),
            Duration.ofHours(3),
            Duration.ofHours(3));

    /** Attempts in all for coin-type events: "12 小时内总共会发起 13 次通知". */
    static final int COIN_ATTEMPTS = 13;

    /** Waits before each retry of item deliveries (goods page). */
    static final List<Duration> GOODS_SCHEDULE;

    static {
        List<Duration> goods = new ArrayList<>(COIN_SCHEDULE);
        goods.add(Duration.ofHours(6));
        goods.add(Duration.ofHours(6));
        GOODS_SCHEDULE = List.copyOf(goods);
    }

    PushSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(encodingAesKey, "encodingAesKey");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(toUserName, "toUserName");
        Objects.requireNonNull(retryIntervals, "retryIntervals");
        Objects.requireNonNull(maxAttempts, "maxAttempts");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The waits before each retry of {@code event}, scaled, and how many attempts in all. */
    Schedule schedule(String event) {
        List<Duration> waits;
        int attempts;
        if (retryIntervals.isPresent()) {
            waits = retryIntervals.get();
            attempts = waits.size() + 1;
        } else {
            boolean goods = event.endsWith("goods_deliver_notify") || event.equals("minigame_deliver_h5_pay_products");
            List<Duration> documented = goods ? GOODS_SCHEDULE : COIN_SCHEDULE;
            attempts = goods ? documented.size() + 1 : COIN_ATTEMPTS;
            List<Duration> scaled = new ArrayList<>();
            for (Duration d : documented) {
                scaled.add(Duration.ofNanos(d.toNanos() / timeScale));
            }
            waits = List.copyOf(scaled);
        }
        if (maxAttempts.isPresent()) {
            attempts = maxAttempts.get();
        }
        return new Schedule(waits, attempts);
    }

    /** Waits between attempts (the last one repeats if there are more attempts than waits) and attempts in all. */
    record Schedule(List<Duration> waits, int attempts) {
        Duration waitAfter(int attempt) {
            if (waits.isEmpty()) {
                return Duration.ZERO;
            }
            return waits.get(Math.min(attempt - 1, waits.size() - 1));
        }
    }

    /** Parses a {@code push} object; {@code defaultAppId} is the app's appid (midas_v1.appid). */
    static PushSettings parse(SimulatorConfig.Node n, String defaultAppId) {
        Map<String, Object> obj = n.object();
        for (String key : obj.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidConfigException(
                        n.path(key),
                        "is not a push setting (known: "
                                + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        URI url;
        String urlText = n.text("url");
        try {
            url = URI.create(urlText);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(n.path("url"), "is not a URL: " + Text.clip(urlText));
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new InvalidConfigException(n.path("url"), "must be an http:// or https:// URL with a host");
        }
        Secret token = n.secret("token");
        String aesKey = n.text("encoding_aes_key");
        if (!aesKey.matches("[A-Za-z0-9]{43}")) {
            throw new InvalidConfigException(
                    n.path("encoding_aes_key"), "must be 43 characters of A-Z a-z 0-9 (the EncodingAESKey)");
        }
        try {
            if (Base64.getDecoder().decode(aesKey + "=").length != 32) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(
                    n.path("encoding_aes_key"), "does not decode (with \"=\" appended) to a 32-byte AES key");
        }
        String mode = n.optionalText("mode", "plain");
        if (!mode.equals("plain") && !mode.equals("safe")) {
            throw new InvalidConfigException(n.path("mode"), "must be \"plain\" or \"safe\"");
        }
        String format = n.optionalText("format", "json");
        if (!format.equals("json") && !format.equals("xml")) {
            throw new InvalidConfigException(n.path("format"), "must be \"json\" or \"xml\"");
        }
        long scale = n.optionalLong("time_scale", 1);
        if (scale < 1 || scale > 1_000_000) {
            throw new InvalidConfigException(n.path("time_scale"), "must be from 1 to 1000000");
        }
        Optional<List<Duration>> intervals = Optional.empty();
        if (obj.containsKey("retry_intervals_ms")) {
            List<Duration> list = new ArrayList<>();
            for (SimulatorConfig.Node item : n.child("retry_intervals_ms").array()) {
                if (!(item.value() instanceof JsonTree.Num num) || num.asLong() == null || num.asLong() < 0) {
                    throw new InvalidConfigException(item.where(), "must be a whole number of milliseconds, 0 or more");
                }
                list.add(Duration.ofMillis(num.asLong()));
            }
            if (list.size() > 100) {
                throw new InvalidConfigException(n.path("retry_intervals_ms"), "holds at most 100 waits");
            }
            intervals = Optional.of(List.copyOf(list));
        }
        Optional<Integer> maxAttempts = Optional.empty();
        if (obj.containsKey("max_attempts")) {
            long m = n.optionalLong("max_attempts", 1);
            if (m < 1 || m > 100) {
                throw new InvalidConfigException(n.path("max_attempts"), "must be from 1 to 100");
            }
            maxAttempts = Optional.of((int) m);
        }
        long timeout = n.optionalLong("timeout_ms", 3000);
        if (timeout < 1 || timeout > 600_000) {
            throw new InvalidConfigException(n.path("timeout_ms"), "must be from 1 to 600000");
        }
        long threads = n.optionalLong("threads", 4);
        if (threads < 1 || threads > 64) {
            throw new InvalidConfigException(n.path("threads"), "must be from 1 to 64");
        }
        long pending = n.optionalLong("max_pending", 1000);
        if (pending < 1 || pending > 100_000) {
            throw new InvalidConfigException(n.path("max_pending"), "must be from 1 to 100000");
        }
        long price = n.optionalLong("coin_price_fen", 10);
        if (price < 1 || price > 1_000_000) {
            throw new InvalidConfigException(n.path("coin_price_fen"), "must be from 1 to 1000000");
        }
        return new PushSettings(
                url,
                token,
                Secret.of(aesKey),
                mode.equals("safe"),
                format.equals("xml"),
                n.optionalText("appid", defaultAppId),
                n.optionalText("to_user_name", "gh_standin00000"),
                scale,
                intervals,
                maxAttempts,
                Duration.ofMillis(timeout),
                (int) threads,
                (int) pending,
                price);
    }

    @Override
    public String toString() {
        return "PushSettings[" + url + ", " + (safe ? "safe" : "plain") + ", " + (xml ? "xml" : "json") + "]";
    }
}
