package dev.midasbridge.midas.v1.internal.error;

import static dev.midasbridge.core.error.ErrorKind.APP_SIGNATURE_INVALID;
import static dev.midasbridge.core.error.ErrorKind.DUPLICATE_ORDER;
import static dev.midasbridge.core.error.ErrorKind.INSUFFICIENT_BALANCE;
import static dev.midasbridge.core.error.ErrorKind.INVALID_PARAMETER;
import static dev.midasbridge.core.error.ErrorKind.ORDER_ALREADY_CONFIRMED;
import static dev.midasbridge.core.error.ErrorKind.ORDER_ALREADY_ROLLED_BACK;
import static dev.midasbridge.core.error.ErrorKind.ORDER_NOT_FOUND;
import static dev.midasbridge.core.error.ErrorKind.ORDER_PROCESSING;
import static dev.midasbridge.core.error.ErrorKind.PERMISSION_DENIED;
import static dev.midasbridge.core.error.ErrorKind.PLAYER_SIGNATURE_INVALID;
import static dev.midasbridge.core.error.ErrorKind.SESSION_EXPIRED;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.ErrcodeTable;

/** midas 1.0's errcodes (API.md section 5) and the error kind each one means in this version. */
public final class MidasV1Errcodes {
    /** The table; -1, its known triples and the token codes come with every {@link ErrcodeTable}. */
    public static final ErrcodeTable TABLE = ErrcodeTable.builder(ApiVersion.MIDAS_V1)
            .code(90000, ORDER_NOT_FOUND, "order does not exist")
            .code(90009, PLAYER_SIGNATURE_INVALID, "mp_sig wrong (most often a stale session_key)")
            .code(90010, SESSION_EXPIRED, "player not logged in / session expired")
            .code(90011, APP_SIGNATURE_INVALID, "sig wrong")
            .code(90012, DUPLICATE_ORDER, "order already exists")
            .code(90013, INSUFFICIENT_BALANCE, "balance too low")
            .code(90014, ORDER_ALREADY_CONFIRMED, "order already confirmed")
            .code(90015, ORDER_ALREADY_ROLLED_BACK, "order already rolled back")
            .code(90016, ORDER_PROCESSING, "order still processing")
            .code(90017, PERMISSION_DENIED, "no permission to call")
            .code(90018, INVALID_PARAMETER, "parameter error")
            .build();

    private MidasV1Errcodes() {}
}
