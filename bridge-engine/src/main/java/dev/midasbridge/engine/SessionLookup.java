package dev.midasbridge.engine;

import dev.midasbridge.core.credentials.PlayerSession;
import java.util.Optional;

/**
 * Where {@code reconcile} finds a player's current session after a crash: the journal never stores session_keys,
 * so the game supplies them (it keeps them from its login flow anyway).
 */
@FunctionalInterface
public interface SessionLookup {
    Optional<PlayerSession> sessionFor(String openid);
}
