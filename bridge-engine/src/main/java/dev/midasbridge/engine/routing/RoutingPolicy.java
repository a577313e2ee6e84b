package dev.midasbridge.engine.routing;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.player.Player;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Set;

/**
 * Which API version a player's new orders go to: a percentage of players on pay_v2 by a stable hash of the
 * openid, overridden by lists. Precedence: openids kept on midas 1.0, zones kept on midas 1.0, openids on pay_v2,
 * zones on pay_v2, then the percentage. A player's bucket never changes, so raising the percentage only moves
 * players from midas 1.0 to pay_v2. Immutable; swap policies at run time through {@link Router}.
 */
public record RoutingPolicy(
        int payV2Percent,
        Set<String> payV2Openids,
        Set<String> midasV1Openids,
        Set<String> payV2Zones,
        Set<String> midasV1Zones) {

    /** The number of hash buckets: a percentage is {@code percent * 100} of them. */
    static final int BUCKETS = 10_000;

    public RoutingPolicy {
        if (payV2Percent < 0 || payV2Percent > 100) {
            throw new IllegalArgumentException("pay_v2 percentage " + payV2Percent + ": must be between 0 and 100");
        }
        payV2Openids = Set.copyOf(payV2Openids);
        midasV1Openids = Set.copyOf(midasV1Openids);
        payV2Zones = Set.copyOf(payV2Zones);
        midasV1Zones = Set.copyOf(midasV1Zones);
    }

    /** Every player on midas 1.0: where a migration starts. */
    public static RoutingPolicy allMidasV1() {
        return percentOnPayV2(0);
    }

    /** Every player on pay_v2: where a migration ends. */
    public static RoutingPolicy allPayV2() {
        return percentOnPayV2(100);
    }

    /** {@code percent} of players (by a stable hash of openid) on pay_v2, the rest on midas 1.0. */
    public static RoutingPolicy percentOnPayV2(int percent) {
        return new RoutingPolicy(percent, Set.of(), Set.of(), Set.of(), Set.of());
    }

    /** This policy with {@code openids} always on pay_v2 (unless kept on midas 1.0). */
    public RoutingPolicy withPayV2Openids(Set<String> openids) {
        return new RoutingPolicy(payV2Percent, openids, midasV1Openids, payV2Zones, midasV1Zones);
    }

    /** This policy with {@code openids} always kept on midas 1.0. */
    public RoutingPolicy withMidasV1Openids(Set<String> openids) {
        return new RoutingPolicy(payV2Percent, payV2Openids, openids, payV2Zones, midasV1Zones);
    }

    /** This policy with the players of {@code zones} on pay_v2 (unless kept on midas 1.0). */
    public RoutingPolicy withPayV2Zones(Set<String> zones) {
        return new RoutingPolicy(payV2Percent, payV2Openids, midasV1Openids, zones, midasV1Zones);
    }

    /** This policy with the players of {@code zones} kept on midas 1.0. */
    public RoutingPolicy withMidasV1Zones(Set<String> zones) {
        return new RoutingPolicy(payV2Percent, payV2Openids, midasV1Openids, payV2Zones, zones);
    }

    /** This policy with another percentage; the lists stay. */
    public RoutingPolicy withPayV2Percent(int percent) {
        return new RoutingPolicy(percent, payV2Openids, midasV1Openids, payV2Zones, midasV1Zones);
    }

    /** The version {@code player}'s new orders go to. */
    public ApiVersion route(Player player) {
        Objects.requireNonNull(player, "player");
        if (midasV1Openids.contains(player.openid()) || midasV1Zones.contains(player.zoneId())) {
            return ApiVersion.MIDAS_V1;
        }
        if (payV2Openids.contains(player.openid()) || payV2Zones.contains(player.zoneId())) {
            return ApiVersion.PAY_V2;
        }
        if (payV2Percent == 0 || payV2Percent == 100) {
            return payV2Percent == 0 ? ApiVersion.MIDAS_V1 : ApiVersion.PAY_V2;
        }
        return bucket(player.openid()) < payV2Percent * (BUCKETS / 100) ? ApiVersion.PAY_V2 : ApiVersion.MIDAS_V1;
    }

    /** The player's stable bucket in [0, 10000): the first four bytes of SHA-256(openid), modulo 10000. */
    public static int bucket(String openid) {
        byte[] h = sha256(openid.getBytes(StandardCharsets.UTF_8));
        long v = ((h[0] & 0xffL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
        return (int) (v % BUCKETS);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
