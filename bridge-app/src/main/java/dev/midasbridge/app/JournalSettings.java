package dev.midasbridge.app;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.journal.InMemoryJournal;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.journal.jdbc.JdbcJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the bridge journals: an embedded file (the default), a shared JDBC database, or memory (tests, benchmarks).
 * {@link Lazy} opens another setting's journal only when it is first used (a balance read never opens it).
 */
public sealed interface JournalSettings {
    /** Opens the journal these settings describe; a {@code JournalException} says which journal and why not. */
    Journal open();

    /** Which journal, for people: the embedded file's absolute path, or the URL without a password. */
    String describe();

    /** Checks the journal without refusing it (what {@code bridge journal verify} prints); {@code accept}: see README. */
    JdbcJournal.Verification verify(boolean accept);

    /**
     * An embedded H2 database file at {@code file} (absolute, or relative to the current directory). A missing
     * journal is created only when {@code create} is set; while another process has it open, waits up to
     * {@code lockWait}.
     */
    record Embedded(Path file, boolean create, Duration lockWait) implements JournalSettings {
        public Embedded {
            Objects.requireNonNull(file, "journal file");
            Objects.requireNonNull(lockWait, "journal lock wait");
            file = file.toAbsolutePath().normalize();
        }

        /** A journal at {@code file}, created if missing, waiting up to 30 s for another process. */
        public Embedded(Path file) {
            this(file, true, JdbcJournal.DEFAULT_LOCK_WAIT);
        }

        @Override
        public Journal open() {
            return JdbcJournal.embedded(file, create, lockWait);
        }

        @Override
        public String describe() {
            return "embedded " + file;
        }

        @Override
        public JdbcJournal.Verification verify(boolean accept) {
            return JdbcJournal.verifyEmbedded(file, accept, lockWait);
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
        public String describe() {
            return url.replaceAll("(?i)(password=)[^;&]*", "$1" + Secret.MASK) + " (tables " + tablePrefix + "*)";
        }

        @Override
        public JdbcJournal.Verification verify(boolean accept) {
            return JdbcJournal.verify(url, user, password.orElse(null), tablePrefix);
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

        @Override
        public String describe() {
            return "in memory (nothing survives the process)";
        }

        @Override
        public JdbcJournal.Verification verify(boolean accept) {
            return new JdbcJournal.Verification(
                    describe(), List.of("nothing to check: the journal is in memory"), List.of(), false);
        }
    }

    /** {@code of}'s journal, opened when first used: commands that may not need the journal (balance) take this. */
    record Lazy(JournalSettings of) implements JournalSettings {
        public Lazy {
            Objects.requireNonNull(of, "journal settings");
        }

        @Override
        public Journal open() {
            return new LazyJournal(of);
        }

        @Override
        public String describe() {
            return of.describe() + ", opened only if needed";
        }

        @Override
        public JdbcJournal.Verification verify(boolean accept) {
            return of.verify(accept);
        }
    }
}
