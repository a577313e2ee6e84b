package dev.midasbridge.simulator;

/**
 * The stand-in's two worlds: production and sandbox, each with its own AppKey and its own accounts. The stand-in's
 * own type (it depends on no other midas-bridge module); callers that hold the bridge's environment convert by name.
 */
public enum Environment {
    PRODUCTION,
    SANDBOX;

    /** The value of pay_v2's {@code env} body field: 0 for production, 1 for sandbox. */
    public int payV2Env() {
        return this == PRODUCTION ? 0 : 1;
    }

    /** The environment a pay_v2 {@code env} value names. */
    public static Environment fromPayV2Env(long env) {
        if (env == 0) {
            return PRODUCTION;
        }
        if (env == 1) {
            return SANDBOX;
        }
        throw new IllegalArgumentException("env " + env + ": pay_v2 accepts 0 (production) or 1 (sandbox)");
    }
}
