package dev.midasbridge.journal.jdbc;

import dev.midasbridge.engine.journal.AttemptStart;
import dev.midasbridge.engine.journal.ErrorRecord;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalEvent;
import dev.midasbridge.engine.journal.JournalException;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderKind;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.journal.Resolution;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.ErrorKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The journal in a relational database over plain JDBC: an embedded H2 file by default ({@link #embedded}), or
 * PostgreSQL shared by a fleet of game servers ({@link #open}). The driver must be on the class path at run time.
 * Creates its two tables if they are missing. One row per order (primary key environment, openid, zone, order no);
 * attempts are serialised with {@code SELECT ... FOR UPDATE}.
 */
public final class JdbcJournal implements Journal {
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    private static final String COLUMNS = "environment, openid, zone_id, order_no, kind, api_version, wire_order_no, "
            + "amount, related_order_no, item, remark, user_ip, status, attempts, maybe_applied, flagged, "
            + "balance_after, present_used, last_kind, last_errcode, last_errmsg, last_message, created_at, updated_at";
    private static final String KEY = "environment = ? AND openid = ? AND zone_id = ? AND order_no = ?";

    private final String url;
    private final String user;
    private final Secret password;
    private final String orders;
    private final String events;
    private final BlockingQueue<Pooled> idle;

    /** A pooled connection and when it was returned: one idle longer than {@link #VALIDATE_AFTER_NANOS} is checked. */
    private record Pooled(Connection connection, long idleSince) {
    }

    private static final long VALIDATE_AFTER_NANOS = 30_000_000_000L;
    private volatile boolean closed;

    private JdbcJournal(String url, String user, Secret password, String tablePrefix, int poolSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.orders = tablePrefix + "orders";
        this.events = tablePrefix + "order_events";
        this.idle = new ArrayBlockingQueue<>(poolSize);
    }

    /**
     * A journal in an embedded H2 database file at {@code file} (e.g. {@code .bridge/journal}; H2 adds
     * {@code .mv.db}): nothing to install. Commits are written at once, so a killed process loses no journaled order.
     */
    public static JdbcJournal embedded(Path file) {
        String url = "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        return open(url, "sa", null, "mb_", 4);
    }

    /**
     * A journal at a JDBC {@code url} (e.g. {@code jdbc:postgresql://db:5432/game}), with tables named
     * {@code <tablePrefix>orders} and {@code <tablePrefix>order_events}, and at most {@code poolSize} idle connections.
     */
    public static JdbcJournal open(String url, String user, Secret password, String tablePrefix, int poolSize) {
        Objects.requireNonNull(url, "journal url");
        if (!PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("journal table prefix \"" + tablePrefix
                    + "\": must be a lowercase letter then up to 30 of a-z, 0-9, '_'");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("journal pool size " + poolSize + ": must be at least 1");
        }
        JdbcJournal journal = new JdbcJournal(url, user, password, tablePrefix, poolSize);
        journal.createTables();
        return journal;
    }

    private void createTables() {
        String[] ddl = {
            "CREATE TABLE IF NOT EXISTS " + orders + " (environment VARCHAR(16) NOT NULL, openid VARCHAR(128) NOT NULL,"
                + " zone_id VARCHAR(128) NOT NULL, order_no VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL,"
                + " api_version VARCHAR(16) NOT NULL, wire_order_no VARCHAR(64) NOT NULL, amount BIGINT,"
                + " related_order_no VARCHAR(64), item VARCHAR(1024), remark VARCHAR(1024), user_ip VARCHAR(64),"
                + " status VARCHAR(16) NOT NULL, attempts INTEGER NOT NULL, maybe_applied BOOLEAN NOT NULL,"
                + " flagged BOOLEAN NOT NULL, balance_after BIGINT, present_used BIGINT, last_kind VARCHAR(40),"
                + " last_errcode INTEGER, last_errmsg VARCHAR(1024), last_message VARCHAR(2048),"
                + " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
                + " PRIMARY KEY (environment, openid, zone_id, order_no))",
            "CREATE INDEX IF NOT EXISTS " + orders + "_status ON " + orders + " (status, created_at)",
            "CREATE TABLE IF NOT EXISTS " + events + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                + " environment VARCHAR(16) NOT NULL, openid VARCHAR(128) NOT NULL, zone_id VARCHAR(128) NOT NULL,"
                + " order_no VARCHAR(64) NOT NULL, at BIGINT NOT NULL, text VARCHAR(2048) NOT NULL)",
            "CREATE INDEX IF NOT EXISTS " + events + "_order ON " + events + " (environment, openid, zone_id, order_no)"
        };
        for (String sql : ddl) {
            for (int tries = 0;; tries++) {
                try (Lease lease = lease(); Statement st = lease.connection.createStatement()) {
                    st.execute(sql);
                    break;
                } catch (SQLException e) {
                    // Two servers creating the same table at once: PostgreSQL reports a unique violation once.
                    if (tries == 0 && isConflict(e)) {
                        continue;
                    }
                    throw failure("could not create the journal tables", e);
                }
            }
        }
    }

    @Override
    public JournalEntry recordIntent(JournalEntry intent) {
        try (Lease lease = lease()) {
            Connection c = lease.connection;
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + orders + " (" + COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                bindEntry(ps, intent);
                ps.executeUpdate();
                insertEvent(c, intent.key(), intent.createdAt(), "intent recorded: " + intent.kind() + " on "
                        + intent.version().label() + " as " + intent.wireOrderNo());
                c.commit();
                return intent;
            } catch (SQLException e) {
                c.rollback();
                if (!isConflict(e)) {
                    throw e;
                }
            } finally {
                c.setAutoCommit(true);
            }
            return select(c, intent.key(), false)
                    .orElseThrow(() -> new IllegalStateException("order " + intent.key() + " vanished"));
        } catch (SQLException e) {
            throw failure("could not record the intent of order " + intent.key(), e);
        }
    }

    @Override
    public Optional<JournalEntry> find(JournalKey key) {
        try (Lease lease = lease()) {
            return select(lease.connection, key, false);
        } catch (SQLException e) {
            throw failure("could not read order " + key, e);
        }
    }

    @Override
    public AttemptStart startAttempt(JournalKey key, Instant now) {
        try (Lease lease = lease()) {
            Connection c = lease.connection;
            c.setAutoCommit(false);
            try {
                JournalEntry e = select(c, key, true)
                        .orElseThrow(() -> new IllegalStateException("order " + key + " is not journaled"));
                AttemptStart start = new AttemptStart(e.attempts() + 1, e.maybeApplied(), e.status());
                OrderStatus status = e.status() == OrderStatus.APPLIED ? OrderStatus.APPLIED : OrderStatus.PENDING;
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + orders
                        + " SET attempts = ?, maybe_applied = ?, status = ?, updated_at = ? WHERE " + KEY)) {
                    ps.setInt(1, start.attempt());
                    ps.setBoolean(2, true);
                    ps.setString(3, status.name());
                    ps.setLong(4, now.toEpochMilli());
                    bindKey(ps, 5, key);
                    ps.executeUpdate();
                }
                insertEvent(c, key, now, "attempt " + start.attempt() + " sent");
                c.commit();
                return start;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("could not mark an attempt of order " + key, e);
        }
    }

    @Override
    public void finish(JournalKey key, Resolution r, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(orders)
                .append(" SET status = ?, maybe_applied = ?, updated_at = ?");
        if (r.balanceAfter().isPresent()) {
            sql.append(", balance_after = ?");
        }
        if (r.presentUsed().isPresent()) {
            sql.append(", present_used = ?");
        }
        if (r.error().isPresent()) {
            sql.append(", last_kind = ?, last_errcode = ?, last_errmsg = ?, last_message = ?");
        }
        sql.append(" WHERE ").append(KEY);
        if (r.status() != OrderStatus.APPLIED) {
            sql.append(" AND status <> 'APPLIED'");
        }
        try (Lease lease = lease()) {
            Connection c = lease.connection;
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, r.status().name());
                ps.setBoolean(i++, r.maybeApplied());
                ps.setLong(i++, now.toEpochMilli());
                if (r.balanceAfter().isPresent()) {
                    ps.setLong(i++, r.balanceAfter().getAsLong());
                }
                if (r.presentUsed().isPresent()) {
                    ps.setLong(i++, r.presentUsed().getAsLong());
                }
                if (r.error().isPresent()) {
                    ErrorRecord err = r.error().get();
                    ps.setString(i++, err.kind().name());
                    setInteger(ps, i++, err.errcode());
                    ps.setString(i++, truncate(err.errmsg(), 1024));
                    ps.setString(i++, truncate(err.message(), 2048));
                }
                bindKey(ps, i, key);
                ps.executeUpdate();
                insertEvent(c, key, now, r.event());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("could not record the outcome of order " + key, e);
        }
    }

    @Override
    public List<JournalEntry> refundsOf(JournalKey deduction, String deductionWireOrderNo) {
        try (Lease lease = lease(); PreparedStatement ps = lease.connection.prepareStatement("SELECT " + COLUMNS
                + " FROM " + orders + " WHERE environment = ? AND openid = ? AND zone_id = ? AND kind = 'REFUND'"
                + " AND related_order_no = ? ORDER BY created_at, order_no")) {
            ps.setString(1, deduction.environment().name());
            ps.setString(2, deduction.openid());
            ps.setString(3, deduction.zoneId());
            ps.setString(4, deductionWireOrderNo);
            List<JournalEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("could not read the refunds of order " + deduction, e);
        }
    }

    @Override
    public List<JournalEntry> unresolved() {
        return query("SELECT " + COLUMNS + " FROM " + orders
                + " WHERE status IN ('PENDING', 'UNKNOWN') ORDER BY created_at, openid, order_no", Integer.MAX_VALUE);
    }

    @Override
    public List<JournalEntry> flagUnresolvedOlderThan(Instant cutoff, Instant now) {
        List<JournalEntry> stale = query("SELECT " + COLUMNS + " FROM " + orders
                + " WHERE status IN ('PENDING', 'UNKNOWN') AND flagged = FALSE AND created_at < " + cutoff.toEpochMilli()
                + " ORDER BY created_at", Integer.MAX_VALUE);
        try (Lease lease = lease()) {
            for (JournalEntry e : stale) {
                try (PreparedStatement ps = lease.connection.prepareStatement("UPDATE " + orders
                        + " SET flagged = TRUE, updated_at = ? WHERE " + KEY)) {
                    ps.setLong(1, now.toEpochMilli());
                    bindKey(ps, 2, e.key());
                    ps.executeUpdate();
                }
                insertEvent(lease.connection, e.key(), now, "flagged for a person: unresolved since " + e.createdAt());
            }
        } catch (SQLException e) {
            throw failure("could not flag stale orders", e);
        }
        return query("SELECT " + COLUMNS + " FROM " + orders
                + " WHERE status IN ('PENDING', 'UNKNOWN') AND flagged = TRUE ORDER BY created_at", Integer.MAX_VALUE);
    }

    @Override
    public List<JournalEntry> list(int limit) {
        return query("SELECT " + COLUMNS + " FROM " + orders + " ORDER BY created_at, openid, order_no", limit);
    }

    @Override
    public List<JournalEvent> history(JournalKey key) {
        try (Lease lease = lease(); PreparedStatement ps = lease.connection.prepareStatement(
                "SELECT at, text FROM " + events + " WHERE " + KEY + " ORDER BY id")) {
            bindKey(ps, 1, key);
            List<JournalEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JournalEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("could not read the history of order " + key, e);
        }
    }

    /** Drops this journal's tables: for tests that use a throw-away table prefix. */
    public void dropTables() {
        try (Lease lease = lease(); Statement st = lease.connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + events);
            st.execute("DROP TABLE IF EXISTS " + orders);
        } catch (SQLException e) {
            throw failure("could not drop the journal tables", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        Pooled p;
        while ((p = idle.poll()) != null) {
            closeQuietly(p.connection());
        }
    }

    @Override
    public String toString() {
        return "JdbcJournal[" + url.replaceAll("(?i)(password=)[^;&]*", "$1" + Secret.MASK) + ", tables " + orders + "]";
    }

    // --- plumbing ---------------------------------------------------------------------------------------------

    private List<JournalEntry> query(String sql, int limit) {
        try (Lease lease = lease(); Statement st = lease.connection.createStatement()) {
            st.setMaxRows(limit == Integer.MAX_VALUE ? 0 : limit);
            List<JournalEntry> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("could not read the journal", e);
        }
    }

    private Optional<JournalEntry> select(Connection c, JournalKey key, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + orders + " WHERE " + KEY
                + (forUpdate ? " FOR UPDATE" : ""))) {
            bindKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private void insertEvent(Connection c, JournalKey key, Instant at, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + events
                + " (environment, openid, zone_id, order_no, at, text) VALUES (?,?,?,?,?,?)")) {
            bindKey(ps, 1, key);
            ps.setLong(5, at.toEpochMilli());
            ps.setString(6, truncate(text, 2048));
            ps.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement ps, int from, JournalKey key) throws SQLException {
        ps.setString(from, key.environment().name());
        ps.setString(from + 1, key.openid());
        ps.setString(from + 2, key.zoneId());
        ps.setString(from + 3, key.orderNo());
    }

    private static void bindEntry(PreparedStatement ps, JournalEntry e) throws SQLException {
        bindKey(ps, 1, e.key());
        ps.setString(5, e.kind().name());
        ps.setString(6, e.version().name());
        ps.setString(7, e.wireOrderNo());
        setLong(ps, 8, e.amount());
        ps.setString(9, e.relatedOrderNo().orElse(null));
        ps.setString(10, e.item().orElse(null));
        ps.setString(11, e.remark().orElse(null));
        ps.setString(12, e.userIp().orElse(null));
        ps.setString(13, e.status().name());
        ps.setInt(14, e.attempts());
        ps.setBoolean(15, e.maybeApplied());
        ps.setBoolean(16, e.flagged());
        setLong(ps, 17, e.balanceAfter());
        setLong(ps, 18, e.presentUsed());
        ErrorRecord err = e.lastError().orElse(null);
        ps.setString(19, err == null ? null : err.kind().name());
        setInteger(ps, 20, err == null ? null : err.errcode());
        ps.setString(21, err == null ? null : truncate(err.errmsg(), 1024));
        ps.setString(22, err == null ? null : truncate(err.message(), 2048));
        ps.setLong(23, e.createdAt().toEpochMilli());
        ps.setLong(24, e.updatedAt().toEpochMilli());
    }

    private static JournalEntry read(ResultSet rs) throws SQLException {
        JournalKey key = new JournalKey(Environment.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                rs.getString(4));
        String lastKind = rs.getString(19);
        int errcode = rs.getInt(20);
        Integer errcodeOrNull = rs.wasNull() ? null : errcode;
        Optional<ErrorRecord> err = lastKind == null ? Optional.empty()
                : Optional.of(new ErrorRecord(ErrorKind.valueOf(lastKind), errcodeOrNull, rs.getString(21),
                        rs.getString(22)));
        return new JournalEntry(key, OrderKind.valueOf(rs.getString(5)), ApiVersion.valueOf(rs.getString(6)),
                rs.getString(7), getLong(rs, 8), Optional.ofNullable(rs.getString(9)),
                Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(11)),
                Optional.ofNullable(rs.getString(12)), OrderStatus.valueOf(rs.getString(13)), rs.getInt(14),
                rs.getBoolean(15), rs.getBoolean(16), getLong(rs, 17), getLong(rs, 18), err,
                Instant.ofEpochMilli(rs.getLong(23)), Instant.ofEpochMilli(rs.getLong(24)));
    }

    private static OptionalLong getLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static void setLong(PreparedStatement ps, int i, OptionalLong v) throws SQLException {
        if (v.isPresent()) {
            ps.setLong(i, v.getAsLong());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }

    private static void setInteger(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v != null) {
            ps.setInt(i, v);
        } else {
            ps.setNull(i, Types.INTEGER);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("23") || state.equals("42P07"));
    }

    private JournalException failure(String what, SQLException e) {
        return new JournalException(what + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    }

    private Lease lease() throws SQLException {
        if (closed) {
            throw new SQLException("the journal is closed", "08003");
        }
        Connection c = null;
        for (Pooled p = idle.poll(); p != null && c == null; p = c == null ? idle.poll() : null) {
            if (System.nanoTime() - p.idleSince() < VALIDATE_AFTER_NANOS || p.connection().isValid(2)) {
                c = p.connection();
            } else {
                closeQuietly(p.connection());
            }
        }
        if (c == null) {
            c = password == null ? DriverManager.getConnection(url, user, "")
                    : DriverManager.getConnection(url, user, password.reveal());
        }
        return new Lease(c);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    /** A connection borrowed from the pool; returned on close (or closed when the pool is full or broken). */
    private final class Lease implements AutoCloseable {
        final Connection connection;

        Lease(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try {
                if (closed || connection.isClosed() || !connection.getAutoCommit()
                        || !idle.offer(new Pooled(connection, System.nanoTime()), 0, TimeUnit.MILLISECONDS)) {
                    closeQuietly(connection);
                }
            } catch (SQLException | InterruptedException e) {
                closeQuietly(connection);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
