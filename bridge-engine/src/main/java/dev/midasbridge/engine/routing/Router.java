package dev.midasbridge.engine.routing;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.player.Player;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The routing policies in force, one per environment, safe to change at run time from any thread: a call sees
 * either the old or the new policy, never a mix. Orders already journaled keep their version whatever the policy.
 */
public final class Router {
    private final AtomicReference<Map<Environment, RoutingPolicy>> policies;

    private Router(Map<Environment, RoutingPolicy> initial) {
        this.policies = new AtomicReference<>(Map.copyOf(initial));
    }

    /** A router with {@code policy} for both environments. */
    public static Router create(RoutingPolicy policy) {
        Map<Environment, RoutingPolicy> m = new EnumMap<>(Environment.class);
        for (Environment e : Environment.values()) {
            m.put(e, Objects.requireNonNull(policy, "policy"));
        }
        return new Router(m);
    }

    /** A router with its own policy per environment; both must be given. */
    public static Router create(Map<Environment, RoutingPolicy> policies) {
        for (Environment e : Environment.values()) {
            Objects.requireNonNull(policies.get(e), "routing policy for " + e);
        }
        return new Router(policies);
    }

    /** The version {@code player}'s new orders in {@code environment} go to now. */
    public ApiVersion route(Player player, Environment environment) {
        return policies.get().get(environment).route(player);
    }

    /** The policy in force for {@code environment}. */
    public RoutingPolicy policy(Environment environment) {
        return policies.get().get(environment);
    }

    /** Replaces the policy of {@code environment}; calls under way finish on the policy they started with. */
    public void setPolicy(Environment environment, RoutingPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        policies.updateAndGet(old -> {
            Map<Environment, RoutingPolicy> m = new EnumMap<>(old);
            m.put(environment, policy);
            return Map.copyOf(m);
        });
    }
}
