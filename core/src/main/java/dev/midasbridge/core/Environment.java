package dev.midasbridge.core;

/** Which world a call acts on: real money (production) or the sandbox. Each has its own AppKey. */
public enum Environment {
    PRODUCTION(0),
    SANDBOX(1);

    private final int payV2Env;

    Environment(int payV2Env) {
        this.payV2Env = payV2Env;
    }

    /** The value of pay_v2's {@code env} body field: 0 for production, 1 for sandbox. */
    public int payV2Env() {
        return payV2Env;
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
