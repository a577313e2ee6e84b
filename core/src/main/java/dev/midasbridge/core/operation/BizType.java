package dev.midasbridge.core.operation;

/** pay_v2 order query {@code biz_id}: a coin purchase (1) or a direct item purchase (2). */
public enum BizType {
    COINS(1),
    ITEM_PURCHASE(2);

    private final int code;

    BizType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BizType fromCode(long code) {
        for (BizType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("biz_id " + code + ": pay_v2 accepts 1 (coins) or 2 (item purchase)");
    }
}
