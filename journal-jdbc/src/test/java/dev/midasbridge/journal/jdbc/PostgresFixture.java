package dev.midasbridge.journal.jdbc;

import dev.midasbridge.core.credentials.Secret;
import java.util.concurrent.ThreadLocalRandom;

/** The PostgreSQL of {@code MIDAS_BRIDGE_PG_URL} (user, password: {@code MIDAS_BRIDGE_PG_USER}, {@code _PASSWORD}). */
final class PostgresFixture {
    private PostgresFixture() {}

    /** A fresh table prefix, so that each test has tables of its own. */
    static String freshPrefix() {
        return "mbtest_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8) + "_";
    }

    static JdbcJournal open(String prefix, int poolSize) {
        String user = System.getenv().getOrDefault("MIDAS_BRIDGE_PG_USER", "postgres");
        String pw = System.getenv("MIDAS_BRIDGE_PG_PASSWORD");
        return JdbcJournal.open(
                System.getenv("MIDAS_BRIDGE_PG_URL"),
                user,
                pw == null || pw.isEmpty() ? null : Secret.of(pw),
                prefix,
                poolSize);
    }
}
