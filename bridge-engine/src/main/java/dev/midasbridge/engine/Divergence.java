package dev.midasbridge.engine;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.player.Player;
import java.time.Instant;
import java.util.List;

/** One shadow read where the two versions reported different balances for the same player. */
public record Divergence(
        Instant at, Environment environment, Player player, ApiVersion answeredFrom, List<Field> fields) {

    public Divergence {
        fields = List.copyOf(fields);
    }

    /** One field that differed, named as pay_v2 names it, with each version's value. */
    public record Field(String name, long midasV1, long payV2) {}
}
