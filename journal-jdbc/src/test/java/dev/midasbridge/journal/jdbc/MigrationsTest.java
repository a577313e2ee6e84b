package dev.midasbridge.journal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Opening an up-to-date embedded journal skips Flyway only if LATEST_VERSION is the newest migration's. */
class MigrationsTest {
    @Test
    void latestVersionIsTheNewestMigration() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/dev/midasbridge/journal/jdbc/migration"))) {
            int newest = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max()
                    .orElseThrow();
            assertEquals(String.valueOf(newest), JdbcJournal.LATEST_VERSION);
        }
    }
}
