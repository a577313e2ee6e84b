package dev.midasbridge.journal.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.Receipt;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.journal.AttemptStart;
import dev.midasbridge.engine.journal.ErrorRecord;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalConflict;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalEvent;
import dev.midasbridge.engine.journal.JournalException;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderKind;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.journal.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The journal in a relational database over JDBC: an embedded H2 file by default ({@link #embedded}), or PostgreSQL
 * shared by a fleet of game servers ({@link #open}). Connections come from HikariCP; the schema is Flyway's
 * ({@code db/…/migration/V*.sql}, history table {@code <prefix>schema_history}): a fleet upgrades by starting a new
 * version, which migrates under Flyway's lock. One row per order (primary key environment, openid, zone, order no);
 * attempts are serialised with {@code SELECT ... FOR UPDATE}; every write is one transaction ({@link #write}).
 *
 * <p>Every event carries a hash chaining it to the previous event of its order ({@link EventChain}). An embedded
 * journal is also locked against other processes ({@code <journal>.lock}, waited for up to a bounded time) and checks
 * itself against its sidecar {@code <journal>.check} when it opens: a journal that lost orders or events, a
 * missing or empty database file, or a database without its check file is refused; {@link #verifyEmbedded} says why.
 */
public final class JdbcJournal implements Journal {
    /** How long an embedded journal waits for another process to close it, unless told otherwise. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    private static final String MIGRATIONS = "classpath:dev/midasbridge/journal/jdbc/migration";
    private static final String COLUMNS = "environment, openid, zone_id, order_no, kind, api_version, wire_order_no, "
            + "amount, related_order_no, item, remark, user_ip, status, attempts, maybe_applied, flagged, "
            + "balance_after, present_used, last_kind, last_errcode, last_errmsg, last_message, created_at, updated_at";
    private static final String KEY = "environment = ? AND openid = ? AND zone_id = ? AND order_no = ?";
    private static final int MAX_TRIES = 5;

    private final String name;
    private final HikariDataSource pool;
    private final String insertOrder;
    private final String insertEvent;
    /** The group-commit writer; null when writes run one transaction each. */
    private final GroupCommit group;
    /** Transactions committed through this handle. */
    private final java.util.concurrent.atomic.LongAdder commits = new java.util.concurrent.atomic.LongAdder();

    private final String prefix;
    private final String orders;
    private final String events;
    /** The embedded file's lock and check state; null for a shared database. */
    private final EmbeddedFile embedded;

    private volatile boolean closed;

    private JdbcJournal(String name, HikariDataSource pool, String prefix, EmbeddedFile embedded) {
        this.name = name;
        this.pool = pool;
        this.prefix = prefix;
        this.orders = prefix + "orders";
        this.events = prefix + "order_events";
        this.insertOrder =
                "INSERT INTO " + orders + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        this.insertEvent = "INSERT INTO " + events + " (environment, openid, zone_id, order_no, at, text, chain)"
                + " VALUES (?,?,?,?,?,?,?)";
        this.embedded = embedded;
        // An embedded file takes one writer at a time anyway; a shared database gets parallel flushes, one connection
        // each, leaving two connections for reads (-Dmidasbridge.journal.writers=N overrides). On a database server
        // that is short of CPU, parallel flushes matter more than large batches: it merges concurrent commits' log
        // flushes itself.
        this.group = GROUP_COMMIT
                ? new GroupCommit(
                        name,
                        embedded != null
                                ? 1
                                : Integer.getInteger(
                                        "midasbridge.journal.writers", Math.max(1, pool.getMaximumPoolSize() - 2)),
                        this::flush)
                : null;
    }

    /**
     * Whether writes go through the group-commit writer (the default); {@code -Dmidasbridge.journal.groupCommit=false}
     * runs each write in a transaction of its own, as before group commit.
     */
    static final boolean GROUP_COMMIT =
            !"false".equalsIgnoreCase(System.getProperty("midasbridge.journal.groupCommit", "true"));

    /** How many transactions this handle has committed (a group commit counts once, however many writes it held). */
    public long commits() {
        return commits.sum();
    }

    // --- opening ----------------------------------------------------------------------------------------------

    /**
     * A journal in an embedded H2 database file at {@code file} (H2 adds {@code .mv.db}), created if missing,
     * waiting up to {@link #DEFAULT_LOCK_WAIT} for another process that has it open.
     */
    public static JdbcJournal embedded(Path file) {
        return embedded(file, true, DEFAULT_LOCK_WAIT);
    }

    /**
     * A journal in an embedded H2 database file at {@code file}. A missing journal is created only when
     * {@code create} is set (otherwise: an error naming the file). A journal that exists is checked against its check
     * file and refused if damaged. Waits up to {@code lockWait} while another process has the journal open.
     */
    public static JdbcJournal embedded(Path file, boolean create, Duration lockWait) {
        warmUp();
        EmbeddedFile f = EmbeddedFile.acquire(file, lockWait);
        try {
            return openEmbedded(f, create);
        } catch (RuntimeException e) {
            f.release();
            throw e;
        }
    }

    private static JdbcJournal openEmbedded(EmbeddedFile f, boolean create) {
        // Under the file's write lock: two threads of this JVM opening the file at once check it once.
        f.writes.lock();
        try {
            return openEmbeddedLocked(f, create);
        } finally {
            f.writes.unlock();
        }
    }

    private static JdbcJournal openEmbeddedLocked(EmbeddedFile f, boolean create) {
        String name = f.file.toString();
        boolean exists = Files.exists(f.database);
        Optional<CheckFile> check = Optional.empty();
        if (!f.checked) {
            check = CheckFile.read(f.checkFile);
            if (!exists && check.isPresent()) {
                throw damaged(
                        name,
                        "its database file " + f.database + " is missing, but its check file says it held "
                                + check.get().orders() + " orders",
                        null);
            }
            if (!exists && !create) {
                throw new JournalException(
                        "journal " + name + " does not exist (no " + f.database + "); it is not"
                                + " created because the configuration names it: check the path, or create it deliberately"
                                + " (`bridge journal init`, or \"create\": true in the journal settings)",
                        null);
            }
            if (exists) {
                long size = size(f.database);
                if (size == 0) {
                    throw damaged(name, "its database file " + f.database + " is empty (0 bytes)", null);
                }
                if (check.isEmpty()) {
                    throw damaged(
                            name,
                            "it has no check file " + f.checkFile + " (deleted, or a journal from before"
                                    + " check files: if you trust it, `bridge journal verify --accept` checks it and writes"
                                    + " one)",
                            null);
                }
            }
        }
        JdbcJournal j = connectEmbedded(f, exists);
        try {
            if (!j.schemaCurrent()) {
                j.migrate();
            }
            if (!f.checked) {
                if (check.isEmpty()) {
                    f.state = CheckFile.EMPTY;
                } else {
                    List<String> problems = new ArrayList<>();
                    f.state = j.compareWithCheckFile(check.get(), problems);
                    if (!problems.isEmpty()) {
                        throw damaged(name, String.join("; ", problems), null);
                    }
                }
                f.state = f.state.writeNew(f.checkFile);
                f.checked = true;
            }
            return j;
        } catch (RuntimeException e) {
            j.closePool();
            if (e instanceof JournalException
                    && corrupt(reason(e))
                    && !e.getMessage().contains("is damaged")) {
                throw damaged(name, "H2 cannot read it: " + reason(e), e);
            }
            throw e;
        }
    }

    /** Whether H2's error says the file is corrupt (not merely unreachable or locked). */
    private static boolean corrupt(String reason) {
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("corrupt")
                || lower.contains("chunk")
                || reason.contains("90030")
                || reason.contains("90048");
    }

    private static JdbcJournal connectEmbedded(EmbeddedFile f, boolean mustExist) {
        String url =
                "jdbc:h2:file:" + f.file + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000" + (mustExist ? ";IFEXISTS=TRUE" : "");
        try {
            return new JdbcJournal(f.file.toString(), pool(url, "sa", null, 4), "mb_", f);
        } catch (RuntimeException e) {
            String why = reason(e);
            if (corrupt(why)) {
                throw damaged(f.file.toString(), "H2 cannot read it: " + why, e);
            }
            throw new JournalException("journal " + f.file + " could not be opened: " + why, e);
        }
    }

    /**
     * A journal at a JDBC {@code url} (e.g. {@code jdbc:postgresql://db:5432/game}), with tables named
     * {@code <tablePrefix>orders} and {@code <tablePrefix>order_events} (and Flyway's {@code <tablePrefix>schema_history}),
     * over at most {@code poolSize} connections. Creates or upgrades the tables.
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
        String name = safeUrl(url);
        HikariDataSource pool;
        try {
            pool = pool(url, user, password, poolSize);
        } catch (RuntimeException e) {
            throw new JournalException("journal " + name + " could not be opened: " + reason(e), e);
        }
        JdbcJournal journal = new JdbcJournal(name, pool, tablePrefix, null);
        try {
            journal.migrate();
        } catch (RuntimeException e) {
            journal.closePool();
            throw e;
        }
        return journal;
    }

    private static HikariDataSource pool(String url, String user, Secret password, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password == null ? "" : password.reveal());
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(1);
        c.setPoolName("midas-bridge-journal");
        c.setConnectionTimeout(10_000);
        c.setInitializationFailTimeout(1);
        return new HikariDataSource(c);
    }

    /**
     * Loads H2's engine with a throw-away in-memory database before the journal's lock is taken, so processes that
     * queue for an embedded journal do their class loading in parallel rather than while holding the lock.
     */
    private static void warmUp() {
        if (!WARM.compareAndSet(false, true)) {
            return;
        }
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:mem:", "sa", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE warm (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, t VARCHAR(10))");
        } catch (SQLException ignored) {
            // only a warm-up
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARM =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** The newest schema version among the migrations (V&lt;n&gt;__*.sql). */
    static final String LATEST_VERSION = "3";

    /**
     * Whether an embedded journal's Flyway history says it is at {@link #LATEST_VERSION} and the migration succeeded:
     * then opening skips Flyway (its start-up costs hundreds of milliseconds, spent while other processes wait for
     * the lock). {@code bridge journal verify} always runs Flyway's full validation.
     */
    private boolean schemaCurrent() {
        try (Connection c = connection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT \"version\", \"success\" FROM \"" + prefix + "schema_history\""
                        + " ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROWS ONLY")) {
            return rs.next() && LATEST_VERSION.equals(rs.getString(1)) && rs.getBoolean(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates the tables, upgrades them to this version's schema, and validates Flyway's history. */
    private void migrate() {
        try {
            FluentConfiguration config = Flyway.configure(JdbcJournal.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .table(prefix + "schema_history")
                    .placeholders(Map.of("prefix", prefix))
                    .cleanDisabled(true)
                    .failOnMissingLocations(true);
            if (tableExists(orders) && !tableExists(prefix + "schema_history")) {
                // Tables made by the hand-written DDL before Flyway: they are version 1 exactly.
                config.baselineVersion("1")
                        .baselineDescription("journal tables from before Flyway")
                        .load()
                        .baseline();
            }
            // A fresh prefix in a schema holding other tables: Flyway baselines at 0, then creates ours (V1, V2...).
            config.baselineOnMigrate(true).baselineVersion("0").load().migrate();
        } catch (RuntimeException e) {
            throw new JournalException(
                    "journal " + name + ": its schema could not be created or upgraded: " + reason(e), e);
        }
    }

    private boolean tableExists(String table) {
        return read("could not read the journal's tables", c -> {
            DatabaseMetaData md = c.getMetaData();
            for (String t : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
                try (ResultSet rs = md.getTables(null, null, t, new String[] {"TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    // --- the port ---------------------------------------------------------------------------------------------

    @Override
    public JournalEntry recordIntent(JournalEntry intent) {
        try {
            return write(
                    "could not record the intent of order " + intent.key(),
                    (c, tx) -> {
                        try (PreparedStatement ps = c.prepareStatement(insertOrder)) {
                            bindEntry(ps, intent);
                            ps.executeUpdate();
                        }
                        tx.orders++;
                        insertEvent(c, tx, intent.key(), intent.createdAt(), intentEvent(intent), null);
                        return intent;
                    },
                    true);
        } catch (Conflict conflict) {
            return find(intent.key())
                    .orElseThrow(() -> new IllegalStateException("order " + intent.key() + " vanished"));
        }
    }

    @Override
    public AttemptStart startFirstAttempt(JournalEntry intent, Instant now) {
        JournalEntry first =
                intent.withState(OrderStatus.PENDING, 1, true, false, Optional.empty(), Optional.empty(), now);
        try {
            return write(
                    "could not record the intent and first attempt of order " + intent.key(),
                    (c, tx) -> {
                        try (PreparedStatement ps = c.prepareStatement(insertOrder)) {
                            bindEntry(ps, first);
                            ps.executeUpdate();
                        }
                        tx.orders++;
                        insertFirstEvents(
                                c, tx, intent.key(), intent.createdAt(), intentEvent(intent), now, "attempt 1 sent");
                        return AttemptStart.FIRST;
                    },
                    true);
        } catch (Conflict conflict) {
            throw new JournalConflict(find(intent.key())
                    .orElseThrow(() -> new IllegalStateException("order " + intent.key() + " vanished")));
        }
    }

    private static String intentEvent(JournalEntry intent) {
        return "intent recorded: " + intent.kind() + " on " + intent.version().label() + " as " + intent.wireOrderNo();
    }

    @Override
    public Optional<JournalEntry> find(JournalKey key) {
        return read("could not read order " + key, c -> select(c, key, false));
    }

    @Override
    public AttemptStart startAttempt(JournalKey key, Instant now) {
        return write("could not mark an attempt of order " + key, (c, tx) -> {
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
            insertEvent(c, tx, key, now, "attempt " + start.attempt() + " sent", PREVIOUS);
            return start;
        });
    }

    @Override
    public void finish(JournalKey key, Resolution r, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE ")
                .append(orders)
                .append(" SET status = ?, maybe_applied = ?, updated_at = ?");
        Long balance = r.receipt().map(JdbcJournal::balanceOf).orElse(null);
        Long presentUsed = r.receipt().map(JdbcJournal::presentUsedOf).orElse(null);
        if (balance != null) {
            sql.append(", balance_after = ?");
        }
        if (presentUsed != null) {
            sql.append(", present_used = ?");
        }
        if (r.error().isPresent()) {
            sql.append(", last_kind = ?, last_errcode = ?, last_errmsg = ?, last_message = ?");
        }
        sql.append(" WHERE ").append(KEY);
        if (r.status() != OrderStatus.APPLIED) {
            sql.append(" AND status <> 'APPLIED'");
        }
        write("could not record the outcome of order " + key, (c, tx) -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, r.status().name());
                ps.setBoolean(i++, r.maybeApplied());
                ps.setLong(i++, now.toEpochMilli());
                if (balance != null) {
                    ps.setLong(i++, balance);
                }
                if (presentUsed != null) {
                    ps.setLong(i++, presentUsed);
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
            }
            insertEvent(c, tx, key, now, r.event(), PREVIOUS);
            return null;
        });
    }

    @Override
    public List<JournalEntry> refundsOf(JournalKey deduction, OrderNo deductionWireOrderNo) {
        return read("could not read the refunds of order " + deduction, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + orders
                    + " WHERE environment = ? AND openid = ? AND zone_id = ? AND kind = 'REFUND'"
                    + " AND related_order_no = ? ORDER BY created_at, order_no")) {
                ps.setString(1, deduction.environment().name());
                ps.setString(2, deduction.openid());
                ps.setString(3, deduction.zoneId());
                ps.setString(4, deductionWireOrderNo.value());
                List<JournalEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<JournalEntry> unresolved() {
        return query(
                "SELECT " + COLUMNS + " FROM " + orders
                        + " WHERE status IN ('PENDING', 'UNKNOWN') ORDER BY created_at, openid, order_no",
                Integer.MAX_VALUE);
    }

    @Override
    public List<JournalEntry> flagUnresolvedOlderThan(Instant cutoff, Instant now) {
        List<JournalEntry> stale = query(
                "SELECT " + COLUMNS + " FROM " + orders
                        + " WHERE status IN ('PENDING', 'UNKNOWN') AND flagged = FALSE AND created_at < "
                        + cutoff.toEpochMilli()
                        + " ORDER BY created_at",
                Integer.MAX_VALUE);
        if (!stale.isEmpty()) {
            write("could not flag stale orders", (c, tx) -> {
                for (JournalEntry e : stale) {
                    int changed;
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + orders
                            + " SET flagged = TRUE, updated_at = ? WHERE " + KEY + " AND flagged = FALSE")) {
                        ps.setLong(1, now.toEpochMilli());
                        bindKey(ps, 2, e.key());
                        changed = ps.executeUpdate();
                    }
                    if (changed > 0) {
                        insertEvent(
                                c,
                                tx,
                                e.key(),
                                now,
                                "flagged for a person: unresolved since " + e.createdAt(),
                                PREVIOUS);
                    }
                }
                return null;
            });
        }
        return query(
                "SELECT " + COLUMNS + " FROM " + orders
                        + " WHERE status IN ('PENDING', 'UNKNOWN') AND flagged = TRUE ORDER BY created_at",
                Integer.MAX_VALUE);
    }

    @Override
    public List<JournalEntry> list(int limit) {
        return query("SELECT " + COLUMNS + " FROM " + orders + " ORDER BY created_at, openid, order_no", limit);
    }

    @Override
    public List<JournalEntry> listNewestFirst(int limit) {
        return query(
                "SELECT " + COLUMNS + " FROM " + orders + " ORDER BY created_at DESC, openid DESC, order_no DESC",
                limit);
    }

    @Override
    public List<JournalEvent> history(JournalKey key) {
        return read("could not read the history of order " + key, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT at, text FROM " + events + " WHERE " + KEY + " ORDER BY id")) {
                bindKey(ps, 1, key);
                List<JournalEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JournalEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    /** Where this journal is: the embedded file's path, or the database URL without its password. */
    public String location() {
        return name;
    }

    /** Drops this journal's tables (and Flyway's history of them): for tests that use a throw-away table prefix. */
    public void dropTables() {
        read("could not drop the journal tables", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + events);
                st.execute("DROP TABLE IF EXISTS " + orders);
                st.execute("DROP TABLE IF EXISTS " + prefix + "push_deliveries");
                st.execute("DROP TABLE IF EXISTS " + prefix + "client_payments");
                st.execute("DROP TABLE IF EXISTS \"" + prefix + "schema_history\"");
            }
            return null;
        });
    }

    /**
     * The push-delivery and client-payment journal in this journal's database (same connection pool, same table
     * prefix, tables from migration V3); valid while this journal is open.
     */
    public dev.midasbridge.engine.delivery.DeliveryJournal deliveries() {
        return new JdbcDeliveryJournal(this::connection, prefix, name);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (group != null) {
            group.close();
        }
        closed = true;
        closePool();
    }

    private void closePool() {
        try {
            if (group != null) {
                group.close();
            }
            pool.close();
        } finally {
            if (embedded != null) {
                embedded.release();
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcJournal[" + name + ", tables " + orders + "]";
    }

    // --- checking ---------------------------------------------------------------------------------------------

    /** What {@code bridge journal verify} found: what was checked, and what is wrong (nothing: the journal is sound). */
    public record Verification(String journal, List<String> checked, List<String> problems, boolean accepted) {
        public Verification {
            checked = List.copyOf(checked);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks the embedded journal at {@code file} without refusing it: the files, H2's reading of every row, each
     * order's event chain and the check file. With {@code accept}, the journal as it is now is declared good: the
     * chains are recomputed and the check file rewritten (for a journal restored from a backup you trust, or one
     * written before check files existed).
     */
    public static Verification verifyEmbedded(Path file, boolean accept, Duration lockWait) {
        EmbeddedFile f = EmbeddedFile.acquire(file, lockWait);
        String name = f.file.toString();
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean released = false;
        try {
            checked.add("lock " + f.lockFile + ": taken (no other process has the journal open)");
            if (!Files.exists(f.database)) {
                problems.add("the database file " + f.database + " does not exist");
                return new Verification(name, checked, problems, false);
            }
            long size = size(f.database);
            checked.add("database file " + f.database + ": " + size + " bytes");
            if (size == 0) {
                problems.add("the database file is empty (0 bytes)");
                return new Verification(name, checked, problems, false);
            }
            Optional<CheckFile> check;
            try {
                check = CheckFile.read(f.checkFile);
                checked.add("check file " + f.checkFile + ": "
                        + check.map(c -> c.orders() + " orders, " + c.events() + " events, highest event id "
                                        + c.lastEventId())
                                .orElse("missing"));
                if (check.isEmpty()) {
                    problems.add("the check file " + f.checkFile + " is missing");
                }
            } catch (JournalException e) {
                check = Optional.empty();
                problems.add(e.getMessage());
            }
            JdbcJournal j;
            try {
                j = connectEmbedded(f, true);
            } catch (JournalException e) {
                problems.add(e.getMessage());
                return new Verification(name, checked, problems, false);
            }
            released = true; // the handle is the journal's now: closing it releases the lock
            try {
                j.migrate();
                checked.add("schema: Flyway history " + j.prefix + "schema_history validated");
                CheckFile actual = j.scan(checked, problems, false, check.orElse(CheckFile.EMPTY));
                if (check.isPresent()) {
                    j.compareWithCheckFile(check.get(), problems);
                    if (actual.digest() != check.get().digest()
                            && actual.lastEventId() == check.get().lastEventId()
                            && problems.isEmpty()) {
                        problems.add("the events' digest " + Long.toHexString(actual.digest())
                                + " differs from the check file's "
                                + Long.toHexString(check.get().digest()));
                    }
                }
                if (accept) {
                    CheckFile now = j.scan(new ArrayList<>(), new ArrayList<>(), true, CheckFile.EMPTY);
                    f.state = now.writeNew(f.checkFile);
                    f.checked = true;
                    checked.add("accepted: chains recomputed and check file rewritten: " + now.orders() + " orders, "
                            + now.events() + " events");
                }
                return new Verification(name, checked, problems, accept);
            } catch (JournalException e) {
                problems.add(e.getMessage());
                return new Verification(name, checked, problems, false);
            } finally {
                j.closePool();
            }
        } finally {
            if (!released) {
                f.release();
            }
        }
    }

    /**
     * Checks a shared database journal: Flyway's history of its schema and every order's event chain (a sidecar check
     * file is impossible for a fleet; PostgreSQL's own durability and backups guard against lost rows).
     */
    public static Verification verify(String url, String user, Secret password, String tablePrefix) {
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (JdbcJournal j = open(url, user, password, tablePrefix, 1)) {
            checked.add("schema: Flyway history " + tablePrefix + "schema_history validated");
            j.scan(checked, problems, false, CheckFile.EMPTY);
            return new Verification(j.name, checked, problems, false);
        }
    }

    /**
     * Reads every order and event: recomputes each order's event chain, counts, sums the digest; with {@code fix},
     * rewrites the chain values as recomputed. Returns what the journal holds as check-file state.
     */
    private CheckFile scan(List<String> checked, List<String> problems, boolean fix, CheckFile accepted) {
        return read("could not read the whole journal", c -> {
            long orderCount;
            Map<String, Boolean> known = new HashMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT environment, openid, zone_id, order_no FROM " + orders)) {
                while (rs.next()) {
                    known.put(
                            rs.getString(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3) + "\n" + rs.getString(4),
                            Boolean.FALSE);
                }
            }
            orderCount = known.size();
            Map<String, String> heads = new HashMap<>();
            long eventCount = 0;
            long lastId = 0;
            long digest = 0;
            int broken = 0;
            int unchained = 0;
            int orphans = 0;
            List<String> examples = new ArrayList<>();
            List<Object[]> fixes = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, environment, openid,"
                            + " zone_id, order_no, at, text, chain FROM " + events + " ORDER BY id")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    JournalKey key = new JournalKey(
                            Environment.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5));
                    String k =
                            rs.getString(2) + "\n" + rs.getString(3) + "\n" + rs.getString(4) + "\n" + rs.getString(5);
                    String expected = EventChain.next(heads.get(k), key, rs.getLong(6), rs.getString(7));
                    String stored = rs.getString(8);
                    if (stored == null) {
                        unchained++;
                    } else if (!stored.equals(expected)) {
                        broken++;
                        if (examples.size() < 5) {
                            examples.add("event " + id + " of order " + key);
                        }
                    }
                    if (fix && !expected.equals(stored)) {
                        fixes.add(new Object[] {expected, id});
                    }
                    heads.put(k, fix || stored == null ? expected : stored);
                    if (known.containsKey(k)) {
                        known.put(k, Boolean.TRUE);
                    } else {
                        orphans++;
                    }
                    eventCount++;
                    lastId = Math.max(lastId, id);
                    digest += EventChain.fold(fix || stored == null ? expected : stored);
                }
            }
            long withoutEvents = known.values().stream().filter(v -> !v).count();
            checked.add("orders: " + orderCount + " read");
            checked.add(
                    "events: " + eventCount + " read, highest id " + lastId + ", digest " + Long.toHexString(digest));
            checked.add("event chains: recomputed for every order");
            if (broken > 0) {
                problems.add(broken + " event(s) do not match their order's hash chain (altered, deleted or"
                        + " reordered events), e.g. " + String.join(", ", examples));
            }
            if (unchained > 0) {
                problems.add(unchained + " event(s) carry no chain value (written before chains existed)");
            }
            if (orphans > accepted.acceptedOrphans()) {
                problems.add(orphans + " event(s) belong to no order (orders deleted)");
            } else if (orphans > 0) {
                checked.add(orphans + " event(s) of deleted orders, as accepted by `journal verify --accept`");
            }
            if (withoutEvents > accepted.acceptedWithoutEvents()) {
                problems.add(withoutEvents + " order(s) have no events (events deleted)");
            } else if (withoutEvents > 0) {
                checked.add(withoutEvents + " order(s) without events, as accepted by `journal verify --accept`");
            }
            if (!fixes.isEmpty()) {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + events + " SET chain = ? WHERE id = ?")) {
                    for (Object[] f : fixes) {
                        ps.setString(1, (String) f[0]);
                        ps.setLong(2, (Long) f[1]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                } finally {
                    c.setAutoCommit(auto);
                }
            }
            return new CheckFile(
                    accepted.seq(),
                    orderCount,
                    eventCount,
                    lastId,
                    digest,
                    fix ? orphans : accepted.acceptedOrphans(),
                    fix ? withoutEvents : accepted.acceptedWithoutEvents());
        });
    }

    /**
     * Compares the database with what its check file says it held; adds what was lost to {@code problems}. The
     * database may be ahead (a crash between a commit and the check file's rewrite): returns its state then.
     */
    private CheckFile compareWithCheckFile(CheckFile expected, List<String> problems) {
        return read("could not check the journal", c -> {
            long orderCount = count(c, "SELECT COUNT(*) FROM " + orders);
            long upTo = count(c, "SELECT COUNT(*) FROM " + events + " WHERE id <= " + expected.lastEventId());
            long all = count(c, "SELECT COUNT(*) FROM " + events);
            long maxId = count(c, "SELECT COALESCE(MAX(id), 0) FROM " + events);
            if (orderCount < expected.orders()) {
                problems.add("it holds " + orderCount + " orders, but its check file says " + expected.orders() + " ("
                        + (expected.orders() - orderCount) + " lost)");
            }
            if (upTo < expected.events()) {
                problems.add("it holds " + upTo + " of the " + expected.events() + " events its check file counts ("
                        + (expected.events() - upTo) + " lost)");
            }
            if (maxId < expected.lastEventId()) {
                problems.add("its newest event is " + maxId + ", but its check file says " + expected.lastEventId());
            }
            if (!problems.isEmpty() || maxId == expected.lastEventId()) {
                return expected;
            }
            long added = 0;
            try (Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT chain FROM " + events + " WHERE id > " + expected.lastEventId())) {
                while (rs.next()) {
                    added += EventChain.fold(rs.getString(1));
                }
            }
            return new CheckFile(
                    expected.seq(),
                    orderCount,
                    all,
                    maxId,
                    expected.digest() + added,
                    expected.acceptedOrphans(),
                    expected.acceptedWithoutEvents());
        });
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new JournalException("journal file " + file + " could not be read: " + reason(e), e);
        }
    }

    private static JournalException damaged(String name, String what, Throwable cause) {
        return new JournalException(
                "journal " + name + " is damaged and was not opened: " + what + ". Run `bridge"
                        + " journal verify` to see what is wrong; restore the journal from a backup (README: \"A damaged"
                        + " journal\")",
                cause);
    }

    // --- transactions, written once ---------------------------------------------------------------------------

    /** What one write transaction added, for the embedded journal's check file. */
    static final class Tx {
        long orders;
        long events;
        long lastId;
        long digest;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c, Tx tx) throws SQLException;
    }

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /** A unique-key violation: the row is there already (another writer won). */
    private static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Conflict(SQLException e) {
            super(e);
        }
    }

    /** A write that cannot hit a unique key: see {@link #write(String, Work, boolean)}. */
    private <T> T write(String what, Work<T> work) {
        return write(what, work, false);
    }

    /**
     * Runs {@code work} in a transaction and returns once it committed. With group commit (the default) the write is
     * handed to the {@link GroupCommit} writer, which runs it in one transaction with every other write waiting at
     * the time ({@link #flush}); otherwise it runs alone ({@link #writeAlone}). {@code mayConflict}: the write inserts
     * and may hit a unique key, a {@link Conflict}.
     */
    private <T> T write(String what, Work<T> work, boolean mayConflict) {
        if (group == null) {
            return writeAlone(what, work);
        }
        try {
            return group.submit(new GroupCommit.Item<>(what, work, mayConflict));
        } catch (IllegalStateException e) {
            if (closed) {
                throw new JournalException("journal " + name + ": " + what + ": the journal is closed", e);
            }
            throw e;
        }
    }

    /**
     * Runs a batch of writes in one transaction, in the order they came, and answers each caller once it committed.
     * A write that hits a unique key is rolled back to its own savepoint and answered {@link Conflict}; a write that
     * throws is answered with its exception, and the others go on. A serialization failure or deadlock retries the
     * whole batch (up to {@value #MAX_TRIES} times); any other database error while running the writes rolls the
     * batch back and runs each write alone, so that each caller gets its own answer. A failed commit fails them all.
     */
    private void flush(List<GroupCommit.Item<?>> batch) {
        if (embedded != null) {
            embedded.writes.lock();
        }
        try {
            int n = batch.size();
            Object[] results = new Object[n];
            RuntimeException[] failures = new RuntimeException[n];
            for (int tries = 1; ; tries++) {
                Tx tx = new Tx();
                java.util.Arrays.fill(results, null);
                java.util.Arrays.fill(failures, null);
                boolean committing = false;
                try (Connection c = connection()) {
                    c.setAutoCommit(false);
                    try {
                        for (int i = 0; i < n; i++) {
                            GroupCommit.Item<?> item = batch.get(i);
                            Savepoint sp = item.mayConflict && n > 1 ? c.setSavepoint() : null;
                            try {
                                results[i] = item.work.run(c, tx);
                            } catch (SQLException e) {
                                if (!isConflict(e)) {
                                    throw e;
                                }
                                if (sp == null) {
                                    throw e;
                                }
                                c.rollback(sp);
                                failures[i] = new Conflict(e);
                            } catch (RuntimeException e) {
                                failures[i] = e;
                            }
                        }
                        committing = true;
                        c.commit();
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly(c);
                        throw e;
                    }
                } catch (SQLException e) {
                    if (isRetryable(e) && tries < MAX_TRIES) {
                        continue;
                    }
                    if (n == 1 && isConflict(e)) {
                        batch.get(0).result.completeExceptionally(new Conflict(e));
                        return;
                    }
                    if (committing || n == 1) {
                        JournalException failure = failure(batch.get(0).what, e);
                        for (GroupCommit.Item<?> item : batch) {
                            item.result.completeExceptionally(failure);
                        }
                        return;
                    }
                    for (GroupCommit.Item<?> item : batch) {
                        alone(item);
                    }
                    return;
                }
                commits.increment();
                if (embedded != null) {
                    embedded.state = embedded.state
                            .plus(tx.orders, tx.events, tx.lastId, tx.digest)
                            .writeTo(embedded.checkChannel(), embedded.checkFile);
                }
                for (int i = 0; i < n; i++) {
                    complete(batch.get(i), results[i], failures[i]);
                }
                return;
            }
        } finally {
            if (embedded != null) {
                embedded.writes.unlock();
            }
        }
    }

    /** Runs one write of a failed batch in a transaction of its own (the writer thread holds no lock here). */
    private <T> void alone(GroupCommit.Item<T> item) {
        try {
            item.result.complete(writeAlone(item.what, item.work));
        } catch (RuntimeException e) {
            item.result.completeExceptionally(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(GroupCommit.Item<T> item, Object result, RuntimeException failure) {
        if (failure != null) {
            item.result.completeExceptionally(failure);
        } else {
            item.result.complete((T) result);
        }
    }

    /**
     * Runs {@code work} in one transaction of its own: begin, run, commit; rollback on any failure; again (up to
     * {@value #MAX_TRIES} times) on a serialization failure or deadlock. An embedded journal's writes are serialised
     * in this JVM and each commit is followed by the check file's rewrite. A unique-key violation is a
     * {@link Conflict}; other errors a {@link JournalException} saying {@code what}.
     */
    private <T> T writeAlone(String what, Work<T> work) {
        if (embedded != null) {
            embedded.writes.lock();
        }
        try {
            for (int tries = 1; ; tries++) {
                Tx tx = new Tx();
                T result;
                try (Connection c = connection()) {
                    c.setAutoCommit(false);
                    try {
                        result = work.run(c, tx);
                        c.commit();
                        commits.increment();
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly(c);
                        throw e;
                    }
                } catch (SQLException e) {
                    if (isConflict(e)) {
                        throw new Conflict(e);
                    }
                    if (isRetryable(e) && tries < MAX_TRIES) {
                        continue;
                    }
                    throw failure(what, e);
                }
                if (embedded != null) {
                    embedded.state = embedded.state
                            .plus(tx.orders, tx.events, tx.lastId, tx.digest)
                            .writeTo(embedded.checkChannel(), embedded.checkFile);
                }
                return result;
            }
        } finally {
            if (embedded != null) {
                embedded.writes.unlock();
            }
        }
    }

    private <T> T read(String what, Read<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new SQLException("the journal is closed", "08003");
        }
        return pool.getConnection();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; Hikari evicts it
        }
    }

    private List<JournalEntry> query(String sql, int limit) {
        return read("could not read the journal", c -> {
            try (Statement st = c.createStatement()) {
                st.setMaxRows(limit == Integer.MAX_VALUE ? 0 : limit);
                List<JournalEntry> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private Optional<JournalEntry> select(Connection c, JournalKey key, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM " + orders + " WHERE " + KEY + (forUpdate ? " FOR UPDATE" : ""))) {
            bindKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** For {@link #insertEvent}: the previous event's chain is to be read from the database. */
    private static final String PREVIOUS = new String("read the previous event");

    /** The first two events of an order, chained, in one batch (one round trip to a database server). */
    private void insertFirstEvents(
            Connection c, Tx tx, JournalKey key, Instant at1, String text1, Instant at2, String text2)
            throws SQLException {
        String stored1 = truncate(text1, 2048);
        String stored2 = truncate(text2, 2048);
        String chain1 = EventChain.next(null, key, at1.toEpochMilli(), stored1);
        String chain2 = EventChain.next(chain1, key, at2.toEpochMilli(), stored2);
        try (PreparedStatement ps = embedded == null
                ? c.prepareStatement(insertEvent)
                : c.prepareStatement(insertEvent, new String[] {"ID"})) {
            bindKey(ps, 1, key);
            ps.setLong(5, at1.toEpochMilli());
            ps.setString(6, stored1);
            ps.setString(7, chain1);
            ps.addBatch();
            ps.setLong(5, at2.toEpochMilli());
            ps.setString(6, stored2);
            ps.setString(7, chain2);
            ps.addBatch();
            ps.executeBatch();
            if (embedded != null) {
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    while (keys.next()) {
                        tx.lastId = Math.max(tx.lastId, keys.getLong(1));
                    }
                }
            }
        }
        tx.events += 2;
        tx.digest += EventChain.fold(chain1) + EventChain.fold(chain2);
    }

    /**
     * Appends an event, chained to the order's previous one: {@code previous} is that event's chain (null: the order
     * has none yet; {@link #PREVIOUS}: read it). Returns the new event's chain.
     */
    private String insertEvent(Connection c, Tx tx, JournalKey key, Instant at, String text, String previous)
            throws SQLException {
        if (previous == PREVIOUS) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chain FROM " + events + " WHERE " + KEY + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")) {
                bindKey(ps, 1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    previous = rs.next() ? rs.getString(1) : null;
                }
            }
        }
        String stored = truncate(text, 2048);
        String chain = EventChain.next(previous, key, at.toEpochMilli(), stored);
        try (PreparedStatement ps = embedded == null
                ? c.prepareStatement(insertEvent)
                : c.prepareStatement(insertEvent, new String[] {"ID"})) {
            bindKey(ps, 1, key);
            ps.setLong(5, at.toEpochMilli());
            ps.setString(6, stored);
            ps.setString(7, chain);
            ps.executeUpdate();
            if (embedded != null) {
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (keys.next()) {
                        tx.lastId = Math.max(tx.lastId, keys.getLong(1));
                    }
                }
            }
        }
        tx.events++;
        tx.digest += EventChain.fold(chain);
        return chain;
    }

    private static void bindKey(PreparedStatement ps, int from, JournalKey key) throws SQLException {
        ps.setString(from, key.environment().name());
        ps.setString(from + 1, key.openid());
        ps.setString(from + 2, key.zoneId());
        ps.setString(from + 3, key.orderNo());
    }

    // --- typed orders <-> rows, in one place -------------------------------------------------------------------

    /** Binds every column of {@link #COLUMNS}: the typed operation and receipt flattened into the row's columns. */
    private static void bindEntry(PreparedStatement ps, JournalEntry e) throws SQLException {
        bindKey(ps, 1, e.key());
        ps.setString(5, e.kind().name());
        ps.setString(6, e.version().name());
        ps.setString(7, e.wireOrderNo());
        setLong(ps, 8, e.amount());
        ps.setString(9, e.relatedOrderNo().orElse(null));
        ps.setString(10, e.item().orElse(null));
        ps.setString(11, e.remark().orElse(null));
        Operation op = e.operation();
        Optional<String> userIp =
                op instanceof Deduction d ? d.userIp() : op instanceof Grant g ? g.userIp() : ((Refund) op).userIp();
        ps.setString(12, userIp.orElse(null));
        ps.setString(13, e.status().name());
        ps.setInt(14, e.attempts());
        ps.setBoolean(15, e.maybeApplied());
        ps.setBoolean(16, e.flagged());
        setLong(ps, 17, e.receipt().map(JdbcJournal::balanceOf).orElse(null));
        setLong(ps, 18, e.receipt().map(JdbcJournal::presentUsedOf).orElse(null));
        ErrorRecord err = e.lastError().orElse(null);
        ps.setString(19, err == null ? null : err.kind().name());
        setInteger(ps, 20, err == null ? null : err.errcode());
        ps.setString(21, err == null ? null : truncate(err.errmsg(), 1024));
        ps.setString(22, err == null ? null : truncate(err.message(), 2048));
        ps.setLong(23, e.createdAt().toEpochMilli());
        ps.setLong(24, e.updatedAt().toEpochMilli());
    }

    /** A receipt's balance column (null: no balance in it, or not known). */
    private static Long balanceOf(Receipt r) {
        long b = r instanceof DeductionReceipt d ? d.balance() : r instanceof GrantReceipt g ? g.balance() : -1;
        return b < 0 ? null : b;
    }

    private static Long presentUsedOf(Receipt r) {
        return r instanceof DeductionReceipt d ? d.presentUsed() : null;
    }

    /** The typed order of a row of {@link #COLUMNS}: the operation as sent and, once applied, its receipt. */
    private static JournalEntry read(ResultSet rs) throws SQLException {
        JournalKey key =
                new JournalKey(Environment.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4));
        String lastKind = rs.getString(19);
        int errcode = rs.getInt(20);
        Integer errcodeOrNull = rs.wasNull() ? null : errcode;
        Optional<ErrorRecord> err = lastKind == null
                ? Optional.empty()
                : Optional.of(new ErrorRecord(
                        ErrorKind.valueOf(lastKind), errcodeOrNull, rs.getString(21), rs.getString(22)));
        OrderKind kind = OrderKind.valueOf(rs.getString(5));
        ApiVersion version = ApiVersion.valueOf(rs.getString(6));
        OrderNo wire = OrderNo.of(rs.getString(7));
        OptionalLong amount = getLong(rs, 8);
        Optional<String> item = Optional.ofNullable(rs.getString(10));
        Optional<String> userIp = Optional.ofNullable(rs.getString(12));
        Player player = key.player();
        Operation op = switch (kind) {
            case DEDUCT ->
                new Deduction(player, amount.getAsLong(), wire, item, Optional.ofNullable(rs.getString(11)), userIp);
            case GRANT -> new Grant(player, amount.getAsLong(), wire, userIp);
            case REFUND -> new Refund(player, OrderNo.of(rs.getString(9)), Optional.of(wire), amount, item, userIp);
        };
        OrderStatus status = OrderStatus.valueOf(rs.getString(13));
        Optional<Receipt> receipt = Optional.empty();
        if (status == OrderStatus.APPLIED) {
            OrderNo order = wire.value().equals(key.orderNo()) ? wire : OrderNo.of(key.orderNo());
            OptionalLong balance = getLong(rs, 17);
            receipt = Optional.of(
                    switch (kind) {
                        case DEDUCT ->
                            new DeductionReceipt(
                                    order, balance.orElse(-1), getLong(rs, 18).orElse(0), version);
                        case GRANT -> new GrantReceipt(order, balance.orElse(-1), version);
                        case REFUND -> new RefundReceipt(order, version);
                    });
        }
        return new JournalEntry(
                key,
                version,
                op,
                status,
                rs.getInt(14),
                rs.getBoolean(15),
                rs.getBoolean(16),
                receipt,
                err,
                Instant.ofEpochMilli(rs.getLong(23)),
                Instant.ofEpochMilli(rs.getLong(24)));
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v != null) {
            ps.setLong(i, v);
        } else {
            ps.setNull(i, Types.BIGINT);
        }
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
        return state != null && state.startsWith("23");
    }

    private static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    private JournalException failure(String what, SQLException e) {
        String why = reason(e);
        return new JournalException(
                "journal " + name + ": " + what + ": " + why
                        + (corrupt(why) ? ". The journal may be damaged: run `bridge journal verify`" : ""),
                e);
    }

    /** The URL with any password parameter masked. */
    static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1" + Secret.MASK);
    }

    /**
     * The real cause of {@code e} in a few words: the innermost exception's message (e.g. "Connection refused",
     * "Permission denied"), never a password.
     */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (root instanceof java.nio.file.FileSystemException fs) {
            String why = fs.getReason();
            if (why == null) {
                why = root instanceof java.nio.file.NoSuchFileException
                        ? "no such file or directory"
                        : root instanceof java.nio.file.AccessDeniedException
                                ? "permission denied"
                                : root instanceof java.nio.file.FileAlreadyExistsException
                                        ? "a file is in the way"
                                        : root.getClass().getSimpleName();
            }
            m = (fs.getFile() == null ? "" : fs.getFile() + ": ") + why;
        }
        if (m == null || m.isBlank()) {
            m = root.getClass().getSimpleName();
        }
        m = m.replace('\n', ' ').replaceAll("\\s+", " ").trim();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
