package dev.midasbridge.core.credentials;

import java.util.Objects;

/**
 * A player's login session: the openid and the session_key from {@code code2session}, which keys
 * {@code mp_sig} (midas 1.0) and {@code signature} (pay_v2). It rotates whenever the player logs in again.
 */
public record PlayerSession(String openid, Secret sessionKey) {
    public PlayerSession {
        if (openid == null || openid.isBlank()) {
            throw new IllegalArgumentException("openid of a player session must not be empty");
        }
        Objects.requireNonNull(sessionKey, "session_key");
    }

    public static PlayerSession of(String openid, String sessionKey) {
        return new PlayerSession(openid, Secret.of(sessionKey));
    }

    @Override
    public String toString() {
        return "PlayerSession[openid=" + openid + ", session_key=" + Secret.MASK + "]";
    }
}
