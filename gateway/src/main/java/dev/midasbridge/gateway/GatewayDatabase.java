package dev.midasbridge.gateway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.midasbridge.app.JournalSettings;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The gateway's tables in the journal's database (the embedded H2 file by default, PostgreSQL for a fleet), migrated
 * by Flyway from {@code classpath:db/gateway} with its own history table {@code gateway_schema_history}, so that the
 * journal's own migrations never see them.
 */
final class GatewayDatabase implements AutoCloseable {
    private final HikariDataSource pool;
    private final boolean postgres;

    private GatewayDatabase(HikariDataSource pool, boolean postgres) {
        this.pool = pool;
        this.postgres = postgres;
    }

    /** Opens (and migrates) the gateway's tables in the database {@code journal} names. */
    static GatewayDatabase open(JournalSettings journal, int poolSize) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("gateway-db");
        c.setMaximumPoolSize(Math.max(2, poolSize)); // Flyway holds a second connection while migrating
        c.setMinimumIdle(1);
        c.setConnectionTimeout(10_000);
        if (journal instanceof JournalSettings.Embedded e) {
            c.setJdbcUrl(embeddedUrl(e.file()));
            c.setUsername("sa");
        } else if (journal instanceof JournalSettings.Jdbc j) {
            c.setJdbcUrl(j.url());
            c.setUsername(j.user());
            j.password().ifPresent(p -> c.setPassword(p.reveal()));
        } else {
            c.setJdbcUrl("jdbc:h2:mem:gateway-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            c.setUsername("sa");
        }
        HikariDataSource pool = new HikariDataSource(c);
        try {
            migrate(pool);
        } catch (RuntimeException ex) {
            pool.close();
            throw ex;
        }
        return new GatewayDatabase(pool, c.getJdbcUrl().startsWith("jdbc:postgresql:"));
    }

    /** The same URL the embedded journal opens, so that one process shares one H2 database. */
    static String embeddedUrl(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    private static void migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/gateway")
                .table("gateway_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    DataSource dataSource() {
        return pool;
    }

    boolean postgres() {
        return postgres;
    }

    @Override
    public void close() {
        pool.close();
    }
}
