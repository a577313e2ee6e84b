package dev.midasbridge.app;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.journal.InMemoryJournal;
import dev.midasbridge.journal.jdbc.JdbcJournal;
import dev.midasbridge.engine.journal.Journal;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the bridge journals: an embedded file (the default), a shared JDBC database, or memory (tests, benchmarks). */
public sealed interface JournalSettings {
    /** Opens the journal these settings describe. */
    Journal open();

    /** An embedded H2 database file: nothing to install. */
    record Embedded(Path file) implements JournalSettings {
        public Embedded {
            Objects.requireNonNull(file, "journal file");
        }

        @Override
        public Journal open() {
            return JdbcJournal.embedded(file);
        }
    }

    /** A database shared by a fleet of game servers, e.g. {@code jdbc:postgresql://db:5432/game}. */
    record Jdbc(String url, String user, Optional<Secret> password, String tablePrefix, int poolSize)
            implements JournalSettings {
        public Jdbc {
            Objects.requireNonNull(url, "journal url");
            Objects.requireNonNull(password, "journal password");
        }

        @Override
        public Journal open() {
            return JdbcJournal.open(url, user, password.orElse(null), tablePrefix, poolSize);
        }

        @Override
        public String toString() {
            return "Jdbc[url=" + url + ", user=" + user + ", password=" + (password.isPresent() ? Secret.MASK : "none")
                    + ", tablePrefix=" + tablePrefix + ", poolSize=" + poolSize + "]";
        }
    }

    /** Memory only: nothing survives the process. */
    record InMemory() implements JournalSettings {
        @Override
        public Journal open() {
            return InMemoryJournal.create();
        }
    }
}
