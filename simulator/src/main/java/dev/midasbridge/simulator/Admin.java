package dev.midasbridge.simulator;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stand-in server's control panel for tests and demos: seed balances, log players in again (rotate session
 * keys), change the access token, inject and clear faults, and read balances and the ledger.
 */
public final class Admin {
    private final Bank bank;
    private final Sessions sessions;
    private final Faults faults;
    private final AtomicReference<Secret> accessToken;
    private final PushSender pushSender;
    private final SimulatorConfig config;

    Admin(
            Bank bank,
            Sessions sessions,
            Faults faults,
            AtomicReference<Secret> accessToken,
            PushSender pushSender,
            SimulatorConfig config) {
        this.bank = bank;
        this.sessions = sessions;
        this.faults = faults;
        this.accessToken = accessToken;
        this.pushSender = pushSender;
        this.config = config;
    }

    /**
     * Sets where and how payment events are pushed, from the JSON of a {@code push} configuration section (as
     * {@code POST /__admin/push/config}); throws {@link InvalidConfigException} naming a wrong field.
     */
    public void configurePush(String pushJson) {
        Objects.requireNonNull(pushJson, "pushJson");
        SimulatorConfig.Node n = AdminHttp.node(pushJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        pushSender.configure(PushSettings.parse(n, config.midasV1().appId()));
    }

    /**
     * Pushes a payment event, as {@code POST /__admin/push} with {@code requestJson}; returns that call's JSON answer
     * ({@code {"ok":true,"deliveries":[...],...}}). Throws {@link IllegalArgumentException} for a bad request and
     * {@link IllegalStateException} when no push URL is configured or the queue is full, each with the reason.
     */
    public String push(String requestJson) {
        Objects.requireNonNull(requestJson, "requestJson");
        AdminHttp.Reply r = new PushAdminHttp(config, pushSender)
                .handle(
                        "POST",
                        "/push",
                        java.util.Map.of(),
                        requestJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (r.status() == 400) {
            throw new IllegalArgumentException(r.json());
        }
        if (r.status() != 200) {
            throw new IllegalStateException(r.json());
        }
        return r.json();
    }

    /** Every push delivery and its attempts, as the JSON of {@code GET /__admin/pushes}. */
    public String pushes() {
        return new PushAdminHttp(config, pushSender)
                .handle("GET", "/pushes", java.util.Map.of(), new byte[0])
                .json();
    }

    /** How many pushes are waiting for their next attempt or being sent. */
    public int pendingPushes() {
        return pushSender.pending();
    }

    /**
     * Sets a player's account in one world: {@code balance} coins in total, {@code presentBalance} of them granted
     * (the rest counts as recharged); lifetime cost restarts at 0. Orders already taken stay taken.
     */
    public void seedBalance(Environment environment, String openid, String zoneId, long balance, long presentBalance) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(zoneId, "zoneId");
        bank.seed(environment, openid, zoneId, balance, presentBalance);
    }

    /** As {@link #seedBalance(Environment, String, String, long, long)}, in both worlds. */
    public void seedBalance(String openid, String zoneId, long balance, long presentBalance) {
        for (Environment env : Environment.values()) {
            seedBalance(env, openid, zoneId, balance, presentBalance);
        }
    }

    /**
     * The player logs in (again): {@code sessionKey} becomes current and the previous key stale, so calls signed with
     * it get v1 90010 / v2 90016. Also how a new player gets a session.
     */
    public void rotateSessionKey(String openid, Secret sessionKey) {
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(sessionKey, "sessionKey");
        sessions.login(openid, sessionKey);
    }

    /** Replaces the access token calls must carry (the old one then gets 40001). */
    public void setAccessToken(Secret token) {
        accessToken.set(Objects.requireNonNull(token, "token"));
    }

    /** Adds a fault; faults are consulted in the order added. */
    public void addFault(Fault fault) {
        faults.add(Objects.requireNonNull(fault, "fault"));
    }

    /** Removes every fault. */
    public void clearFaults() {
        faults.clear();
    }

    /** The faults that still have calls left. */
    public List<Fault> faults() {
        return faults.active();
    }

    /** Every applied operation so far, oldest first. */
    public List<LedgerEntry> ledger() {
        return bank.ledger();
    }

    /** A player's account in one world (an unknown account reads as empty). */
    public AccountSnapshot balance(Environment environment, String openid, String zoneId) {
        return bank.snapshot(environment, openid, zoneId);
    }
}
