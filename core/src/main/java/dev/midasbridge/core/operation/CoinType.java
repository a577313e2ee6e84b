package dev.midasbridge.core.operation;

/** pay_v2's balance {@code coin_type}: game coins (0) or the recharge-centre balance (1). */
public enum CoinType {
    GAME_COINS(0),
    RECHARGE_CENTRE(1);

    private final int code;

    CoinType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static CoinType fromCode(long code) {
        for (CoinType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("coin_type " + code + ": pay_v2 accepts 0 or 1");
    }
}
