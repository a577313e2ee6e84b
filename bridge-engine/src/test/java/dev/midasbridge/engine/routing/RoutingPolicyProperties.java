package dev.midasbridge.engine.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.player.Player;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RoutingPolicyProperties {
    @Provide
    Arbitrary<String> openids() {
        return Arbitraries.strings()
                .withCharRange('!', '~')
                .ofMinLength(1)
                .ofMaxLength(40)
                .filter(s -> s.strip().equals(s));
    }

    @Property(tries = 500)
    void aPlayerAlwaysGetsTheSameSideForAGivenPercentage(
            @ForAll("openids") String openid, @ForAll @IntRange(min = 0, max = 100) int percent) {
        RoutingPolicy policy = RoutingPolicy.percentOnPayV2(percent);
        assertEquals(
                policy.route(Player.of(openid)),
                RoutingPolicy.percentOnPayV2(percent).route(Player.of(openid)));
    }

    @Property(tries = 500)
    void raisingThePercentageOnlyMovesPlayersFromMidasV1ToPayV2(
            @ForAll("openids") String openid,
            @ForAll @IntRange(min = 0, max = 100) int low,
            @ForAll @IntRange(min = 0, max = 100) int high) {
        int a = Math.min(low, high);
        int b = Math.max(low, high);
        if (RoutingPolicy.percentOnPayV2(a).route(Player.of(openid)) == ApiVersion.PAY_V2) {
            assertEquals(ApiVersion.PAY_V2, RoutingPolicy.percentOnPayV2(b).route(Player.of(openid)));
        }
    }

    @Property(tries = 200)
    void keptOnMidasV1WinsOverEverything(
            @ForAll("openids") String openid, @ForAll @IntRange(min = 0, max = 100) int percent) {
        RoutingPolicy policy = RoutingPolicy.percentOnPayV2(percent)
                .withPayV2Openids(Set.of(openid))
                .withPayV2Zones(Set.of("1"))
                .withMidasV1Openids(Set.of(openid));
        assertEquals(ApiVersion.MIDAS_V1, policy.route(Player.of(openid)));
    }

    @Example
    void thePercentageIsRoughlyTheShareOfPlayersOnPayV2() {
        int onV2 = 0;
        int players = 20_000;
        for (int i = 0; i < players; i++) {
            if (RoutingPolicy.percentOnPayV2(30).route(Player.of("player-" + i)) == ApiVersion.PAY_V2) {
                onV2++;
            }
        }
        double share = onV2 / (double) players;
        assertTrue(share > 0.28 && share < 0.32, "share on pay_v2: " + share);
    }

    @Example
    void listsRouteByOpenidAndZone() {
        RoutingPolicy policy = RoutingPolicy.allMidasV1()
                .withPayV2Openids(Set.of("early"))
                .withPayV2Zones(Set.of("eu"))
                .withMidasV1Zones(Set.of("cn"));
        assertEquals(ApiVersion.PAY_V2, policy.route(Player.of("early")));
        assertEquals(ApiVersion.PAY_V2, policy.route(Player.of("anyone", "eu")));
        assertEquals(ApiVersion.MIDAS_V1, policy.route(Player.of("early", "cn")));
        assertEquals(ApiVersion.MIDAS_V1, policy.route(Player.of("anyone")));
    }

    @Example
    void eachEnvironmentHasItsOwnPolicyAndItCanChangeAtRunTime() {
        Router router = Router.create(RoutingPolicy.allMidasV1());
        router.setPolicy(Environment.SANDBOX, RoutingPolicy.allPayV2());
        assertEquals(ApiVersion.MIDAS_V1, router.route(Player.of("p"), Environment.PRODUCTION));
        assertEquals(ApiVersion.PAY_V2, router.route(Player.of("p"), Environment.SANDBOX));
    }
}
