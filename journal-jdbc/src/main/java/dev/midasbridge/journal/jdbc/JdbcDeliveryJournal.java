package dev.midasbridge.journal.jdbc;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.engine.delivery.ClientPaymentRecord;
import dev.midasbridge.engine.delivery.DeliveryJournal;
import dev.midasbridge.engine.delivery.DeliveryRecord;
import dev.midasbridge.engine.delivery.DeliveryStatus;
import dev.midasbridge.engine.journal.JournalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The delivery journal in the journal's own database ({@link JdbcJournal#deliveries}): tables {@code
 * <prefix>push_deliveries} and {@code <prefix>client_payments} (migration V3), connections from the journal's pool.
 * Claims are single conditional UPDATEs, so two gateway instances on one PostgreSQL never both claim an event; the
 * other writes lock their row ({@code SELECT … FOR UPDATE}) in one transaction.
 */
final class JdbcDeliveryJournal implements DeliveryJournal {
    /** The journal's connections. */
    @FunctionalInterface
    interface Connections {
        Connection get() throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final String COLUMNS = "dedup_key, event, environment, out_trade_no, openid, payload, received_at,"
            + " status, send_attempts, maybe_delivered, claim_owner, claim_until, delivered_at, matched_client_payment,"
            + " last_note";
    private static final String PAYMENT_COLUMNS = "environment, out_trade_no, openid, zone_id, api_version, quantity,"
            + " product_id, goods_price, created_at, delivery_key, delivered_at";

    private final Connections connections;
    private final String deliveries;
    private final String payments;
    private final String name;

    JdbcDeliveryJournal(Connections connections, String prefix, String name) {
        this.connections = connections;
        this.deliveries = prefix + "push_deliveries";
        this.payments = prefix + "client_payments";
        this.name = name;
    }

    @Override
    public DeliveryRecord receive(DeliveryRecord received) {
        Optional<DeliveryRecord> existing = find(received.dedupKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            tx("could not journal push event " + received.dedupKey(), c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO " + deliveries + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    bind(ps, received);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (Duplicate d) {
            // another copy of the push journaled it first: theirs wins
        }
        return find(received.dedupKey())
                .orElseThrow(() -> new IllegalStateException("push event " + received.dedupKey() + " vanished"));
    }

    @Override
    public Optional<DeliveryRecord> find(String dedupKey) {
        return tx("could not read push event " + dedupKey, c -> select(c, dedupKey, false));
    }

    @Override
    public Optional<DeliveryRecord> claim(String dedupKey, String owner, Instant now, Duration lease) {
        return tx("could not claim push event " + dedupKey, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + deliveries
                    + " SET claim_owner = ?, claim_until = ? WHERE dedup_key = ? AND status = 'RECEIVED'"
                    + " AND (claim_owner IS NULL OR claim_owner = ? OR claim_until <= ?)")) {
                ps.setString(1, owner);
                ps.setLong(2, now.plus(lease).toEpochMilli());
                ps.setString(3, dedupKey);
                ps.setString(4, owner);
                ps.setLong(5, now.toEpochMilli());
                if (ps.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return select(c, dedupKey, false);
        });
    }

    @Override
    public Optional<DeliveryRecord> beforeSend(String dedupKey, String owner, Instant now, Duration lease) {
        return tx("could not mark a delivery attempt of push event " + dedupKey, c -> {
            Optional<DeliveryRecord> before = select(c, dedupKey, true);
            if (before.isEmpty() || !heldBy(before.get(), owner)) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + deliveries
                    + " SET send_attempts = send_attempts + 1, maybe_delivered = ?, claim_until = ?"
                    + " WHERE dedup_key = ?")) {
                ps.setBoolean(1, true);
                ps.setLong(2, now.plus(lease).toEpochMilli());
                ps.setString(3, dedupKey);
                ps.executeUpdate();
            }
            return before;
        });
    }

    @Override
    public void refused(String dedupKey, String owner, boolean maybeDeliveredBefore, String note, Instant now) {
        tx("could not record a refused delivery of push event " + dedupKey, c -> {
            Optional<DeliveryRecord> r = select(c, dedupKey, true);
            if (r.isPresent() && heldBy(r.get(), owner)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE " + deliveries + " SET maybe_delivered = ?, last_note = ? WHERE dedup_key = ?")) {
                    ps.setBoolean(1, maybeDeliveredBefore);
                    ps.setString(2, cut(note));
                    ps.setString(3, dedupKey);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public DeliveryRecord delivered(String dedupKey, String owner, Instant now) {
        return tx("could not record the delivery of push event " + dedupKey, c -> {
            DeliveryRecord r = select(c, dedupKey, true)
                    .orElseThrow(() -> new IllegalStateException("push event " + dedupKey + " is not journaled"));
            if (r.status() == DeliveryStatus.DELIVERED) {
                return r;
            }
            boolean matched = false;
            if (r.outTradeNo().isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + payments
                        + " SET delivery_key = CASE WHEN delivery_key IS NULL THEN ? ELSE delivery_key END,"
                        + " delivered_at = CASE WHEN delivered_at IS NULL THEN ? ELSE delivered_at END"
                        + " WHERE environment = ? AND out_trade_no = ?")) {
                    ps.setString(1, dedupKey);
                    ps.setLong(2, now.toEpochMilli());
                    ps.setString(3, r.environment().name());
                    ps.setString(4, r.outTradeNo().get());
                    matched = ps.executeUpdate() == 1;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + deliveries
                    + " SET status = 'DELIVERED', claim_owner = NULL, claim_until = 0, delivered_at = ?,"
                    + " matched_client_payment = ? WHERE dedup_key = ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setBoolean(2, matched);
                ps.setString(3, dedupKey);
                ps.executeUpdate();
            }
            return select(c, dedupKey, false).orElseThrow();
        });
    }

    @Override
    public void release(String dedupKey, String owner, String note, Instant now) {
        tx("could not release push event " + dedupKey, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + deliveries
                    + " SET claim_owner = NULL, claim_until = 0, last_note = ?"
                    + " WHERE dedup_key = ? AND status = 'RECEIVED' AND claim_owner = ?")) {
                ps.setString(1, cut(note));
                ps.setString(2, dedupKey);
                ps.setString(3, owner);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<DeliveryRecord> list(int limit) {
        return tx("could not list push events", c -> {
            List<DeliveryRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + deliveries
                    + " ORDER BY received_at DESC, dedup_key FETCH FIRST ? ROWS ONLY")) {
                ps.setInt(1, Math.max(0, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(record(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public ClientPaymentRecord recordClientPayment(ClientPaymentRecord p) {
        Optional<ClientPaymentRecord> existing = findClientPayment(p.environment(), p.outTradeNo());
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            tx("could not journal client payment " + p.outTradeNo(), c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO " + payments + " (" + PAYMENT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                    ps.setString(1, p.environment().name());
                    ps.setString(2, p.outTradeNo());
                    ps.setString(3, p.openid());
                    ps.setString(4, p.zoneId());
                    ps.setString(5, p.version().name());
                    ps.setLong(6, p.quantity());
                    setString(ps, 7, p.productId());
                    setLong(ps, 8, p.goodsPrice());
                    ps.setLong(9, p.createdAt().toEpochMilli());
                    setString(ps, 10, p.deliveryKey());
                    setLong(ps, 11, p.deliveredAt().map(Instant::toEpochMilli));
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (Duplicate d) {
            // formed concurrently under the same outTradeNo: the first wins
        }
        return findClientPayment(p.environment(), p.outTradeNo()).orElseThrow();
    }

    @Override
    public Optional<ClientPaymentRecord> findClientPayment(Environment environment, String outTradeNo) {
        return tx("could not read client payment " + outTradeNo, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PAYMENT_COLUMNS + " FROM " + payments
                    + " WHERE environment = ? AND out_trade_no = ?")) {
                ps.setString(1, environment.name());
                ps.setString(2, outTradeNo);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long price = rs.getLong(8);
                    OptionalLong goodsPrice = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(price);
                    long at = rs.getLong(11);
                    Optional<Instant> deliveredAt =
                            rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
                    return Optional.of(new ClientPaymentRecord(
                            Environment.valueOf(rs.getString(1)),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            ApiVersion.valueOf(rs.getString(5)),
                            rs.getLong(6),
                            Optional.ofNullable(rs.getString(7)),
                            goodsPrice,
                            Instant.ofEpochMilli(rs.getLong(9)),
                            Optional.ofNullable(rs.getString(10)),
                            deliveredAt));
                }
            }
        });
    }

    @Override
    public void close() {
        // the connections belong to the journal, which closes them
    }

    @Override
    public String toString() {
        return "JdbcDeliveryJournal[" + name + "]";
    }

    // --- rows ---------------------------------------------------------------------------------------------

    private static boolean heldBy(DeliveryRecord r, String owner) {
        return r.status() == DeliveryStatus.RECEIVED && r.claimOwner().equals(Optional.of(owner));
    }

    private Optional<DeliveryRecord> select(Connection c, String dedupKey, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + deliveries
                + " WHERE dedup_key = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, dedupKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        }
    }

    private static DeliveryRecord record(ResultSet rs) throws SQLException {
        long deliveredAt = rs.getLong(13);
        Optional<Instant> delivered = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(deliveredAt));
        return new DeliveryRecord(
                rs.getString(1),
                rs.getString(2),
                Environment.valueOf(rs.getString(3)),
                Optional.ofNullable(rs.getString(4)),
                Optional.ofNullable(rs.getString(5)),
                rs.getString(6),
                Instant.ofEpochMilli(rs.getLong(7)),
                DeliveryStatus.valueOf(rs.getString(8)),
                rs.getInt(9),
                rs.getBoolean(10),
                Optional.ofNullable(rs.getString(11)),
                Instant.ofEpochMilli(rs.getLong(12)),
                delivered,
                rs.getBoolean(14),
                Optional.ofNullable(rs.getString(15)));
    }

    private static void bind(PreparedStatement ps, DeliveryRecord r) throws SQLException {
        ps.setString(1, r.dedupKey());
        ps.setString(2, r.event());
        ps.setString(3, r.environment().name());
        setString(ps, 4, r.outTradeNo());
        setString(ps, 5, r.openid());
        ps.setString(6, r.payload());
        ps.setLong(7, r.receivedAt().toEpochMilli());
        ps.setString(8, r.status().name());
        ps.setInt(9, r.sendAttempts());
        ps.setBoolean(10, r.maybeDelivered());
        setString(ps, 11, r.claimOwner());
        ps.setLong(12, r.claimUntil().toEpochMilli());
        setLong(ps, 13, r.deliveredAt().map(Instant::toEpochMilli));
        ps.setBoolean(14, r.matchedClientPayment());
        setString(ps, 15, r.lastNote());
    }

    private static void setString(PreparedStatement ps, int i, Optional<String> v) throws SQLException {
        if (v.isPresent()) {
            ps.setString(i, v.get());
        } else {
            ps.setNull(i, Types.VARCHAR);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Optional<Long> v) throws SQLException {
        if (v.isPresent()) {
            ps.setLong(i, v.get());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }

    private static void setLong(PreparedStatement ps, int i, OptionalLong v) throws SQLException {
        if (v.isPresent()) {
            ps.setLong(i, v.getAsLong());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }

    private static String cut(String note) {
        return note.length() > 1000 ? note.substring(0, 1000) + "…" : note;
    }

    // --- transactions -------------------------------------------------------------------------------------

    /** A row with this key exists already (a unique constraint refused the insert). */
    private static final class Duplicate extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Duplicate(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Runs {@code work} in one transaction, retried when the database reports a serialization failure. */
    private <T> T tx(String what, Work<T> work) {
        for (int tries = 1; ; tries++) {
            try (Connection c = connections.get()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is gone; the pool replaces it
                    }
                    throw e;
                }
            } catch (SQLException e) {
                String state = e.getSQLState();
                if (state != null && state.startsWith("23")) {
                    throw new Duplicate(e);
                }
                boolean retryable = "40001".equals(state) || "40P01".equals(state);
                if (retryable && tries < 5) {
                    continue;
                }
                throw new JournalException("journal " + name + ": " + what + ": " + JdbcJournal.reason(e), e);
            }
        }
    }
}
