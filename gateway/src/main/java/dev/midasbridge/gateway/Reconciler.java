package dev.midasbridge.gateway;

import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.ReconcileReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves what the bridge left unknown, in the background and on demand: {@link GameCurrency#reconcile} with the
 * session store. In a fleet only one instance reconciles at a time: on PostgreSQL it holds an advisory lock for the
 * run; on another database it holds a lease row ({@code gateway_leases}) that expires if the holder dies.
 */
final class Reconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** The advisory-lock key: "mbgw" "reco" as two ints. */
    private static final long LOCK_KEY = 0x6d62677772656f63L;

    private static final String LEASE = "reconcile";

    private final GameCurrency bridge;
    private final SessionStore sessions;
    private final GatewayDatabase db;
    private final GatewayMetrics metrics;
    private final Duration interval;
    private final Clock clock;
    private final String holder = "gateway-" + UUID.randomUUID();
    private final ReentrantLock local = new ReentrantLock();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-reconciler");
        t.setDaemon(true);
        return t;
    });

    private final java.util.function.Predicate<String> busy;

    /**
     * @param busy whether a player has a call under way in this process: the reconciler leaves such players'
     *        orders to that call (it reports them as skipped) rather than sending the same order concurrently
     */
    Reconciler(
            GameCurrency bridge,
            SessionStore sessions,
            GatewayDatabase db,
            GatewayMetrics metrics,
            Duration interval,
            Clock clock,
            java.util.function.Predicate<String> busy) {
        this.busy = busy;
        this.bridge = bridge;
        this.sessions = sessions;
        this.db = db;
        this.metrics = metrics;
        this.interval = interval;
        this.clock = clock;
    }

    void start() {
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        if (bridge.journal().unresolved().isEmpty()) {
                            return;
                        }
                        runOnce();
                    } catch (RuntimeException e) {
                        LOG.warn("background reconcile failed: {}", e.getMessage());
                    }
                },
                ms,
                ms,
                TimeUnit.MILLISECONDS);
    }

    /** Reconciles now unless another run (here or on another instance) holds the lock; empty if it did. */
    Optional<ReconcileReport> runOnce() {
        if (!local.tryLock()) {
            metrics.reconcileRun("skipped_busy");
            return Optional.empty();
        }
        try {
            return db.postgres() ? withAdvisoryLock() : withLease();
        } finally {
            local.unlock();
        }
    }

    private Optional<ReconcileReport> withAdvisoryLock() {
        try (Connection c = db.dataSource().getConnection()) {
            boolean got;
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, LOCK_KEY);
                try (ResultSet r = s.executeQuery()) {
                    got = r.next() && r.getBoolean(1);
                }
            }
            if (!got) {
                metrics.reconcileRun("skipped_other_instance");
                return Optional.empty();
            }
            try {
                return Optional.of(reconcile());
            } finally {
                try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    s.setLong(1, LOCK_KEY);
                    s.executeQuery().close();
                }
            }
        } catch (SQLException e) {
            metrics.reconcileRun("failed");
            throw new IllegalStateException("reconcile lock: " + e.getSQLState());
        }
    }

    private Optional<ReconcileReport> withLease() {
        long now = clock.millis();
        long until = now + Math.max(interval.toMillis() * 2, 120_000);
        try (Connection c = db.dataSource().getConnection()) {
            int taken;
            try (PreparedStatement u = c.prepareStatement("UPDATE gateway_leases SET holder = ?, expires_at_ms = ?"
                    + " WHERE name = ? AND (expires_at_ms < ? OR holder = ?)")) {
                u.setString(1, holder);
                u.setLong(2, until);
                u.setString(3, LEASE);
                u.setLong(4, now);
                u.setString(5, holder);
                taken = u.executeUpdate();
            }
            if (taken == 0) {
                try (PreparedStatement i = c.prepareStatement(
                        "INSERT INTO gateway_leases (name, holder, expires_at_ms) VALUES (?, ?, ?)")) {
                    i.setString(1, LEASE);
                    i.setString(2, holder);
                    i.setLong(3, until);
                    i.executeUpdate();
                } catch (SQLException held) {
                    metrics.reconcileRun("skipped_other_instance");
                    return Optional.empty();
                }
            }
            try {
                return Optional.of(reconcile());
            } finally {
                try (PreparedStatement r = c.prepareStatement(
                        "UPDATE gateway_leases SET expires_at_ms = 0 WHERE name = ? AND holder = ?")) {
                    r.setString(1, LEASE);
                    r.setString(2, holder);
                    r.executeUpdate();
                }
            }
        } catch (SQLException e) {
            metrics.reconcileRun("failed");
            throw new IllegalStateException("reconcile lease: " + e.getSQLState());
        }
    }

    private ReconcileReport reconcile() {
        ReconcileReport r =
                bridge.reconcile(openid -> busy.test(openid) ? Optional.empty() : sessions.sessionFor(openid));
        metrics.reconcileRun(r.stillUnknown() > 0 ? "unknown_left" : "ok");
        if (r.total() > 0) {
            LOG.info(
                    "reconcile: {} applied, {} not applied, {} still unknown, {} skipped (no session key)",
                    r.applied(),
                    r.notApplied(),
                    r.stillUnknown(),
                    r.skipped());
        }
        return r;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
