package dev.midasbridge.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the stand-in server knows: the access token, both credential sets, the players (session keys and
 * seed balances), purchase orders for queryorderinfo, and faults active from the start. Read it from JSON with
 * {@link #parse(String)} / {@link #load(Path)}; the format is documented in the project README (The stand-in server).
 */
public final class SimulatorConfig {
    /** The classpath resource holding the demo configuration used when no file is given. */
    public static final String DEMO_RESOURCE = "/simulator-demo.json";

    /** midas 1.0 credentials: appid, 1.0 offer_id and its production and sandbox AppKeys. */
    public record MidasV1Keys(String appId, String offerId, Secret appKey, Secret sandboxAppKey) {
        public MidasV1Keys {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(offerId, "offerId");
            Objects.requireNonNull(appKey, "appKey");
            Objects.requireNonNull(sandboxAppKey, "sandboxAppKey");
        }

        Secret key(Environment env) {
            return env == Environment.SANDBOX ? sandboxAppKey : appKey;
        }
    }

    /** pay_v2 credentials: the 2.0 offer_id and its production and sandbox AppKeys. */
    public record PayV2Keys(String offerId, Secret appKey, Secret sandboxAppKey) {
        public PayV2Keys {
            Objects.requireNonNull(offerId, "offerId");
            Objects.requireNonNull(appKey, "appKey");
            Objects.requireNonNull(sandboxAppKey, "sandboxAppKey");
        }

        Secret key(Environment env) {
            return env == Environment.SANDBOX ? sandboxAppKey : appKey;
        }
    }

    /**
     * A player account to create: {@code balance} is the total of coins (as both versions report it),
     * {@code presentBalance} the granted part of it; the rest counts as recharged. Seeds both worlds.
     * {@code jsCode} is the login code {@code /sns/jscode2session} exchanges for this player's openid and session key.
     */
    public record PlayerSeed(
            String openid, Secret sessionKey, String zoneId, long balance, long presentBalance, String jsCode) {
        public PlayerSeed {
            Objects.requireNonNull(openid, "openid");
            Objects.requireNonNull(sessionKey, "sessionKey");
            Objects.requireNonNull(zoneId, "zoneId");
            Objects.requireNonNull(jsCode, "jsCode");
            if (balance < 0 || presentBalance < 0 || presentBalance > balance) {
                throw new IllegalArgumentException("a seed needs 0 <= present_balance <= balance");
            }
            if (jsCode.isEmpty()) {
                throw new IllegalArgumentException("a js_code must not be empty");
            }
        }

        /** A seed whose js_code is the default, {@link #defaultJsCode(String)}. */
        public PlayerSeed(String openid, Secret sessionKey, String zoneId, long balance, long presentBalance) {
            this(openid, sessionKey, zoneId, balance, presentBalance, defaultJsCode(openid));
        }
    }

    /** The js_code a player gets when the configuration names none: {@code jscode-<openid>}. */
    public static String defaultJsCode(String openid) {
        return "jscode-" + openid;
    }

    /** A purchase order that pay_v2's queryorderinfo reports, in one world. */
    public record PurchaseOrder(
            String openid,
            Environment environment,
            String outTradeNo,
            long bizId,
            long payState,
            long deliverState,
            long payFinishTime,
            String mchOrderNo,
            String transactionId,
            String productId) {
        public PurchaseOrder {
            Objects.requireNonNull(openid, "openid");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(outTradeNo, "outTradeNo");
            Objects.requireNonNull(mchOrderNo, "mchOrderNo");
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(productId, "productId");
        }
    }

    private final Secret accessToken;
    private final MidasV1Keys midasV1;
    private final PayV2Keys payV2;
    private final List<PlayerSeed> players;
    private final List<PurchaseOrder> orders;
    private final List<Fault> faults;
    private final Optional<Secret> appSecret;
    private final boolean jsCodeOnce;
    private final Optional<PushSettings> push;

    private SimulatorConfig(
            Secret accessToken,
            MidasV1Keys midasV1,
            PayV2Keys payV2,
            List<PlayerSeed> players,
            List<PurchaseOrder> orders,
            List<Fault> faults,
            Optional<Secret> appSecret,
            boolean jsCodeOnce,
            Optional<PushSettings> push) {
        this.accessToken = accessToken;
        this.midasV1 = midasV1;
        this.payV2 = payV2;
        this.players = List.copyOf(players);
        this.orders = List.copyOf(orders);
        this.faults = List.copyOf(faults);
        this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
        this.jsCodeOnce = jsCodeOnce;
        this.push = Objects.requireNonNull(push, "push");
    }

    /** A configuration built in code; every player's openid must carry one session key. */
    public static SimulatorConfig of(
            Secret accessToken,
            MidasV1Keys midasV1,
            PayV2Keys payV2,
            List<PlayerSeed> players,
            List<PurchaseOrder> orders,
            List<Fault> faults) {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(midasV1, "midasV1");
        Objects.requireNonNull(payV2, "payV2");
        Map<String, Secret> keys = new HashMap<>();
        Set<String> accounts = new HashSet<>();
        Map<String, String> codes = new HashMap<>();
        for (PlayerSeed p : players) {
            String codeOwner = codes.putIfAbsent(p.jsCode(), p.openid());
            if (codeOwner != null && !codeOwner.equals(p.openid())) {
                throw new InvalidConfigException(
                        "players",
                        "js_code \"" + p.jsCode() + "\" is given to both \"" + codeOwner + "\" and \"" + p.openid()
                                + "\"; a login code names one player");
            }
            Secret previous = keys.putIfAbsent(p.openid(), p.sessionKey());
            if (previous != null && !previous.equals(p.sessionKey())) {
                throw new InvalidConfigException(
                        "players",
                        "openid \"" + p.openid()
                                + "\" appears with two different session_key values; a player has one session per login");
            }
            if (!accounts.add(p.openid() + "\u0000" + p.zoneId())) {
                throw new InvalidConfigException(
                        "players", "openid \"" + p.openid() + "\" with zone_id \"" + p.zoneId() + "\" appears twice");
            }
        }
        return new SimulatorConfig(
                accessToken, midasV1, payV2, players, orders, faults, Optional.empty(), false, Optional.empty());
    }

    /**
     * This configuration with the app's AppSecret, which {@code /sns/jscode2session} and {@code /cgi-bin/stable_token}
     * check (with {@code midas_v1.appid}); without one, both endpoints refuse every call with 40125.
     */
    public SimulatorConfig withAppSecret(Secret secret) {
        return new SimulatorConfig(
                accessToken,
                midasV1,
                payV2,
                players,
                orders,
                faults,
                Optional.of(Objects.requireNonNull(secret, "secret")),
                jsCodeOnce,
                push);
    }

    /** This configuration with each js_code usable once ({@code true}, as WeChat's) or any number of times. */
    public SimulatorConfig withJsCodeOnce(boolean once) {
        return new SimulatorConfig(accessToken, midasV1, payV2, players, orders, faults, appSecret, once, push);
    }

    /** This configuration with where and how to push payment events (the {@code push} section). */
    SimulatorConfig withPush(PushSettings settings) {
        return new SimulatorConfig(
                accessToken,
                midasV1,
                payV2,
                players,
                orders,
                faults,
                appSecret,
                jsCodeOnce,
                Optional.of(Objects.requireNonNull(settings, "settings")));
    }

    /** Parses the JSON configuration; throws {@link InvalidConfigException} naming the field that is wrong. */
    public static SimulatorConfig parse(String json) {
        Object tree;
        try {
            tree = JsonTree.parse(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("$", "the configuration is not valid JSON: " + e.getMessage());
        }
        Node root = new Node("", tree);
        Map<String, Object> top = root.object();
        Secret accessToken = root.secret("access_token");
        Node v1 = root.child("midas_v1");
        v1.object();
        MidasV1Keys midasV1 = new MidasV1Keys(
                v1.text("appid"), v1.text("offer_id"), v1.secret("app_key"), v1.secret("sandbox_app_key"));
        Optional<String> appid = root.maybeText("appid");
        if (appid.isPresent() && !appid.get().equals(midasV1.appId())) {
            throw new InvalidConfigException(
                    "appid",
                    "must equal midas_v1.appid (\"" + midasV1.appId() + "\"): one app logs its players in and pays");
        }
        Optional<Secret> appSecret = root.maybeText("app_secret").map(Secret::of);
        boolean jsCodeOnce = root.optionalBoolean("js_code_once", false);
        Node v2 = root.child("pay_v2");
        v2.object();
        PayV2Keys payV2 = new PayV2Keys(v2.text("offer_id"), v2.secret("app_key"), v2.secret("sandbox_app_key"));
        if (midasV1.offerId().equals(payV2.offerId())) {
            throw new InvalidConfigException(
                    "pay_v2.offer_id", "must differ from midas_v1.offer_id: the two versions use different offers");
        }
        List<PlayerSeed> players = new ArrayList<>();
        List<Node> playerNodes =
                top.containsKey("players") ? root.child("players").array() : List.of();
        for (Node p : playerNodes) {
            long balance = p.optionalLong("balance", 0);
            long present = p.optionalLong("present_balance", 0);
            if (balance < 0) {
                throw new InvalidConfigException(p.path("balance"), "must not be negative");
            }
            if (present < 0 || present > balance) {
                throw new InvalidConfigException(
                        p.path("present_balance"),
                        "must be between 0 and balance (" + balance
                                + "): balance is the total, present_balance the granted part");
            }
            String openid = p.text("openid");
            players.add(new PlayerSeed(
                    openid,
                    p.secret("session_key"),
                    p.optionalText("zone_id", "1"),
                    balance,
                    present,
                    p.optionalText("js_code", defaultJsCode(openid))));
        }
        List<PurchaseOrder> orders = new ArrayList<>();
        List<Node> orderNodes = top.containsKey("orders") ? root.child("orders").array() : List.of();
        for (Node o : orderNodes) {
            long env = o.optionalLong("env", 0);
            if (env != 0 && env != 1) {
                throw new InvalidConfigException(o.path("env"), "must be 0 (production) or 1 (sandbox)");
            }
            long biz = o.optionalLong("biz_id", 1);
            if (biz != 1 && biz != 2) {
                throw new InvalidConfigException(o.path("biz_id"), "must be 1 (coins) or 2 (direct item purchase)");
            }
            orders.add(new PurchaseOrder(
                    o.text("openid"),
                    Environment.fromPayV2Env(env),
                    o.text("out_trade_no"),
                    biz,
                    o.optionalLong("pay_state", 1),
                    o.optionalLong("deliver_state", 1),
                    o.optionalLong("pay_finish_time", 0),
                    o.optionalText("mch_order_no", ""),
                    o.optionalText("transaction_id", ""),
                    o.optionalText("product_id", "")));
        }
        List<Fault> faults = new ArrayList<>();
        List<Node> faultNodes = top.containsKey("faults") ? root.child("faults").array() : List.of();
        for (Node f : faultNodes) {
            faults.add(fault(f));
        }
        SimulatorConfig config =
                of(accessToken, midasV1, payV2, players, orders, faults).withJsCodeOnce(jsCodeOnce);
        if (top.containsKey("push")) {
            config = config.withPush(PushSettings.parse(root.child("push"), midasV1.appId()));
        }
        return appSecret.isPresent() ? config.withAppSecret(appSecret.get()) : config;
    }

    /** Reads and parses {@code file}. */
    public static SimulatorConfig load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidConfigException("$", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The demo configuration ({@link #DEMO_RESOURCE}), documented in the simulator README. */
    public static SimulatorConfig demo() {
        try (InputStream in = SimulatorConfig.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one fault object as written in configuration and in the admin API. */
    static Fault fault(Node f) {
        f.object();
        FaultKind kind;
        try {
            kind = FaultKind.fromWireName(f.text("kind"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(f.path("kind"), e.getMessage());
        }
        Fault fault = Fault.of(kind);
        Optional<String> endpoint = f.maybeText("endpoint");
        if (endpoint.isPresent()) {
            if (!Fault.ENDPOINTS.contains(endpoint.get())) {
                throw new InvalidConfigException(f.path("endpoint"), "must be one of " + Fault.ENDPOINTS);
            }
            fault = fault.forEndpoint(endpoint.get());
        }
        Optional<String> openid = f.maybeText("openid");
        if (openid.isPresent()) {
            fault = fault.forPlayer(openid.get());
        }
        Optional<String> billNo = f.maybeText("bill_no");
        if (billNo.isPresent()) {
            fault = fault.forOrder(billNo.get());
        }
        long times = f.optionalLong("times", 1);
        if (times != Fault.UNLIMITED && (times < 1 || times > Integer.MAX_VALUE)) {
            throw new InvalidConfigException(f.path("times"), "must be at least 1, or -1 for every call until cleared");
        }
        long delay = f.optionalLong("delay_ms", 3000);
        if (delay < 0) {
            throw new InvalidConfigException(f.path("delay_ms"), "must not be negative");
        }
        long errcode = f.optionalLong("errcode", -1);
        if (errcode == 0 || errcode < Integer.MIN_VALUE || errcode > Integer.MAX_VALUE) {
            throw new InvalidConfigException(f.path("errcode"), "must be a non-zero errcode, e.g. 90014");
        }
        return fault.times((int) times).delay(Duration.ofMillis(delay)).errcode((int) errcode);
    }

    /** The access token every call must carry in its query. */
    public Secret accessToken() {
        return accessToken;
    }

    /** The app's AppSecret for jscode2session and stable_token, if configured ({@code app_secret}). */
    public Optional<Secret> appSecret() {
        return appSecret;
    }

    /** Whether each js_code may be exchanged once only ({@code js_code_once}); by default any number of times. */
    public boolean jsCodeOnce() {
        return jsCodeOnce;
    }

    /** Where and how payment events are pushed, if configured ({@code push}). */
    Optional<PushSettings> push() {
        return push;
    }

    /** midas 1.0 credentials. */
    public MidasV1Keys midasV1() {
        return midasV1;
    }

    /** pay_v2 credentials. */
    public PayV2Keys payV2() {
        return payV2;
    }

    /** Players to create (in both worlds). */
    public List<PlayerSeed> players() {
        return players;
    }

    /** Purchase orders for queryorderinfo. */
    public List<PurchaseOrder> orders() {
        return orders;
    }

    /** Faults active from the start. */
    public List<Fault> faults() {
        return faults;
    }

    @Override
    public String toString() {
        return "SimulatorConfig[midas_v1 offer " + midasV1.offerId() + ", pay_v2 offer " + payV2.offerId() + ", "
                + players.size() + " players, " + orders.size() + " orders, " + faults.size() + " faults]";
    }

    /** A position in a parsed configuration tree, for reading fields with errors that name their path. */
    static final class Node {
        private final String path;
        private final Object value;

        Node(String path, Object value) {
            this.path = path;
            this.value = value;
        }

        String path(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        Object value() {
            return value;
        }

        String where() {
            return path.isEmpty() ? "$" : path;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            if (!(value instanceof Map)) {
                throw new InvalidConfigException(where(), "must be a JSON object, found " + JsonTree.typeName(value));
            }
            return (Map<String, Object>) value;
        }

        List<Node> array() {
            if (!(value instanceof List<?> list)) {
                throw new InvalidConfigException(where(), "must be a JSON array, found " + JsonTree.typeName(value));
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(new Node(path + "[" + i + "]", list.get(i)));
            }
            return out;
        }

        Node child(String field) {
            Object v = object().get(field);
            if (v == null) {
                throw new InvalidConfigException(path(field), "is missing");
            }
            return new Node(path(field), v);
        }

        String text(String field) {
            Node c = child(field);
            if (!(c.value instanceof String s)) {
                throw new InvalidConfigException(c.path, "must be a string, found " + JsonTree.typeName(c.value));
            }
            if (s.isEmpty()) {
                throw new InvalidConfigException(c.path, "must not be empty");
            }
            return s;
        }

        Secret secret(String field) {
            return Secret.of(text(field));
        }

        Optional<String> maybeText(String field) {
            return object().containsKey(field) ? Optional.of(text(field)) : Optional.empty();
        }

        String optionalText(String field, String fallback) {
            return maybeText(field).orElse(fallback);
        }

        boolean optionalBoolean(String field, boolean fallback) {
            if (!object().containsKey(field)) {
                return fallback;
            }
            Node c = child(field);
            if (!(c.value instanceof Boolean b)) {
                throw new InvalidConfigException(c.path, "must be true or false, found " + JsonTree.typeName(c.value));
            }
            return b;
        }

        long optionalLong(String field, long fallback) {
            if (!object().containsKey(field)) {
                return fallback;
            }
            Node c = child(field);
            if (!(c.value instanceof JsonTree.Num n) || n.asLong() == null) {
                throw new InvalidConfigException(
                        c.path,
                        "must be a whole number, found "
                                + (c.value instanceof JsonTree.Num n2 ? n2.text() : JsonTree.typeName(c.value)));
            }
            return n.asLong();
        }
    }
}
