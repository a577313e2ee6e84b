package dev.midasbridge.core.player;

import dev.midasbridge.core.error.InvalidInputException;

/**
 * A player's account in one game zone: the openid and the {@code zone_id} ("1" for a game without zones;
 * {@code zone_role} joined by '_' where roles exist). Balances and order numbers are kept per player.
 */
public record Player(String openid, String zoneId) {
    /** The zone of a game that has no zones. */
    public static final String DEFAULT_ZONE = "1";

    public Player {
        if (openid == null || openid.isBlank()) {
            throw InvalidInputException.of(
                    "openid", null, "openid \"" + (openid == null ? "" : openid) + "\": must not be empty");
        }
        if (!openid.equals(openid.strip())) {
            throw InvalidInputException.of(
                    "openid", null, "openid \"" + openid + "\": must not begin or end with white space");
        }
        if (zoneId == null || zoneId.isBlank()) {
            throw InvalidInputException.of(
                    "zone_id",
                    null,
                    "zone_id \"" + (zoneId == null ? "" : zoneId)
                            + "\": must not be empty (use \"1\" when the game has no zones)");
        }
    }

    /** A player of a game without zones (zone "1"). */
    public static Player of(String openid) {
        return new Player(openid, DEFAULT_ZONE);
    }

    public static Player of(String openid, String zoneId) {
        return new Player(openid, zoneId);
    }
}
