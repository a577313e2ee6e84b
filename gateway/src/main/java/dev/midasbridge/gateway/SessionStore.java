package dev.midasbridge.gateway;

import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.SessionLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Players' session keys, newest wins, in the database (table {@code gateway_session_keys}), encrypted at rest with
 * AES-GCM; shared by every gateway instance on the same database. Entries expire after the configured time and are
 * pruned. Also the engine's {@link SessionLookup}: when upstream rejects a session key, the bridge asks here for
 * the current one.
 */
final class SessionStore implements SessionLookup {
    /** Where a key came from (stored, for operators; never the key itself). */
    enum Source {
        JSCODE2SESSION,
        HEADER,
        ADMIN
    }

    /** A player's current key and, when it was replaced, the one before it (to diagnose a stale key). */
    record Keys(Secret current, Optional<Secret> previous) {}

    private final DataSource db;
    private final SessionCipher cipher;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicLong lastPrune = new AtomicLong();

    SessionStore(DataSource db, SessionCipher cipher, Duration ttl, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The player's keys, if a key is stored, unexpired and decryptable. */
    Optional<Keys> find(String openid) {
        long now = clock.millis();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT session_key, previous_key, expires_at_ms FROM gateway_session_keys WHERE openid = ?")) {
            s.setString(1, openid);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getLong(3) <= now) {
                    return Optional.empty();
                }
                Optional<Secret> current = cipher.decrypt(openid, r.getBytes(1));
                if (current.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Keys(current.get(), cipher.decrypt(openid, r.getBytes(2))));
            }
        } catch (SQLException e) {
            throw new SessionStoreException("cannot read the session store: " + e.getSQLState());
        }
    }

    @Override
    public Optional<PlayerSession> sessionFor(String openid) {
        return find(openid).map(k -> new PlayerSession(openid, k.current()));
    }

    /**
     * Stores {@code key} as the player's current session key (newest wins: an older write never replaces a newer
     * one); the key it replaces, when different, is kept as the previous one.
     */
    void put(String openid, Secret key, Source source) {
        long now = clock.millis();
        long expires = now + ttl.toMillis();
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try {
                    boolean done = upsert(c, openid, key, source, now, expires);
                    c.commit();
                    if (done) {
                        pruneNowAndThen(now);
                        return;
                    }
                } catch (SQLException e) {
                    c.rollback();
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    // two instances inserted the same player at once: read again and update
                }
            } catch (SQLException e) {
                throw new SessionStoreException("cannot write the session store: " + e.getSQLState());
            }
        }
        throw new SessionStoreException("cannot write the session store: contended");
    }

    private boolean upsert(Connection c, String openid, Secret key, Source source, long now, long expires)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT session_key, updated_at_ms FROM gateway_session_keys" + " WHERE openid = ? FOR UPDATE")) {
            s.setString(1, openid);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    if (r.getLong(2) > now) {
                        return true; // a newer key is stored already
                    }
                    Optional<Secret> old = cipher.decrypt(openid, r.getBytes(1));
                    if (old.isPresent() && old.get().equals(key)) {
                        // the same key again: only the expiry moves; the previous key stays as it was
                        try (PreparedStatement u = c.prepareStatement("UPDATE gateway_session_keys SET source = ?,"
                                + " updated_at_ms = ?, expires_at_ms = ? WHERE openid = ?")) {
                            u.setString(1, source.name());
                            u.setLong(2, now);
                            u.setLong(3, expires);
                            u.setString(4, openid);
                            u.executeUpdate();
                        }
                        return true;
                    }
                    try (PreparedStatement u = c.prepareStatement("UPDATE gateway_session_keys SET session_key = ?,"
                            + " previous_key = ?, source = ?, updated_at_ms = ?, expires_at_ms = ? WHERE openid = ?")) {
                        u.setBytes(1, cipher.encrypt(openid, key));
                        if (old.isPresent()) {
                            u.setBytes(2, r.getBytes(1));
                        } else {
                            u.setNull(2, java.sql.Types.VARBINARY);
                        }
                        u.setString(3, source.name());
                        u.setLong(4, now);
                        u.setLong(5, expires);
                        u.setString(6, openid);
                        u.executeUpdate();
                    }
                    return true;
                }
            }
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO gateway_session_keys (openid, session_key,"
                + " previous_key, source, updated_at_ms, expires_at_ms) VALUES (?, ?, NULL, ?, ?, ?)")) {
            i.setString(1, openid);
            i.setBytes(2, cipher.encrypt(openid, key));
            i.setString(3, source.name());
            i.setLong(4, now);
            i.setLong(5, expires);
            i.executeUpdate();
        }
        return true;
    }

    /** Deletes expired entries; returns how many. */
    int prune() {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM gateway_session_keys WHERE expires_at_ms <= ?")) {
            s.setLong(1, clock.millis());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new SessionStoreException("cannot prune the session store: " + e.getSQLState());
        }
    }

    private void pruneNowAndThen(long now) {
        long last = lastPrune.get();
        if (now - last > 60_000 && lastPrune.compareAndSet(last, now)) {
            prune();
        }
    }

    /** The store could not be read or written (the message names no key and no openid). */
    static final class SessionStoreException extends RuntimeException {
        SessionStoreException(String message) {
            super(message);
        }
    }
}
