package dev.midasbridge.gateway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests share with the journal suite: {@code MIDAS_BRIDGE_PG_URL} (with {@code MIDAS_BRIDGE_PG_USER}
 * and {@code MIDAS_BRIDGE_PG_PASSWORD}), which {@code .ci/run} sets; tests that need it are skipped when it is unset.
 */
final class PgTest {
    static final String URL = System.getenv("MIDAS_BRIDGE_PG_URL");
    static final String USER =
            Optional.ofNullable(System.getenv("MIDAS_BRIDGE_PG_USER")).orElse("postgres");
    static final String PASSWORD = System.getenv("MIDAS_BRIDGE_PG_PASSWORD");

    private PgTest() {}

    /** Skips the calling test when no PostgreSQL is configured. */
    static void assumeConfigured() {
        Assumptions.assumeTrue(URL != null && !URL.isEmpty(), "MIDAS_BRIDGE_PG_URL is not set");
    }

    static Connection connect() throws SQLException {
        assumeConfigured();
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    static Optional<dev.midasbridge.core.credentials.Secret> password() {
        return Optional.ofNullable(PASSWORD).filter(p -> !p.isEmpty()).map(dev.midasbridge.core.credentials.Secret::of);
    }
}
