package dev.midasbridge.payv2.internal.error;

import static dev.midasbridge.core.error.ErrorKind.APP_SIGNATURE_INVALID;
import static dev.midasbridge.core.error.ErrorKind.DUPLICATE_ORDER;
import static dev.midasbridge.core.error.ErrorKind.INSUFFICIENT_BALANCE;
import static dev.midasbridge.core.error.ErrorKind.INVALID_PARAMETER;
import static dev.midasbridge.core.error.ErrorKind.ORDER_NOT_FOUND;
import static dev.midasbridge.core.error.ErrorKind.PLAYER_SIGNATURE_INVALID;
import static dev.midasbridge.core.error.ErrorKind.SESSION_EXPIRED;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.ErrcodeTable;

/** pay_v2's errcodes (API.md section 5, renumbered from 1.0) and the error kind each one means in this version. */
public final class PayV2Errcodes {
    /** The table; -1, its known triples and the token codes come with every {@link ErrcodeTable}. */
    public static final ErrcodeTable TABLE = ErrcodeTable.builder(ApiVersion.PAY_V2)
            .code(90000, ORDER_NOT_FOUND, "order does not exist")
            .code(90010, PLAYER_SIGNATURE_INVALID, "signature wrong (most often a stale session_key)")
            .code(90011, APP_SIGNATURE_INVALID, "pay_sig wrong")
            .code(90012, DUPLICATE_ORDER, "order number repeated")
            .code(90013, INSUFFICIENT_BALANCE, "balance too low")
            .code(90016, SESSION_EXPIRED, "session_key expired: the player must log in again")
            .code(90018, INVALID_PARAMETER, "parameter error")
            .build();

    private PayV2Errcodes() {}
}
