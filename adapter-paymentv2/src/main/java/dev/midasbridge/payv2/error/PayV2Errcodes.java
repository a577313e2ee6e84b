package dev.midasbridge.payv2.error;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.ConfigurationFaults;
import dev.midasbridge.core.error.ErrcodeTable;
import dev.midasbridge.core.error.ErrorKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** pay_v2's errcodes (API.md section 5, renumbered from 1.0) and the error kind each one means in this version. */
public final class PayV2Errcodes implements ErrcodeTable {
    private static final Map<Integer, String> DOCUMENTED;

    static {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(-1, "system busy: outcome unknown, retry with the same bill_no");
        m.put(90000, "order does not exist");
        m.put(90010, "signature wrong");
        m.put(90011, "pay_sig wrong");
        m.put(90012, "order number repeated");
        m.put(90013, "balance too low");
        m.put(90016, "session_key expired: the player must log in again");
        m.put(90018, "parameter error");
        DOCUMENTED = Map.copyOf(m);
    }

    private final ConfigurationFaults faults;

    private PayV2Errcodes(ConfigurationFaults faults) {
        this.faults = faults;
    }

    /** The table with the default configuration-fault markers. */
    public static PayV2Errcodes create() {
        return new PayV2Errcodes(ConfigurationFaults.DEFAULT);
    }

    /** The table recognising {@code faults} in a -1 errmsg. */
    public static PayV2Errcodes create(ConfigurationFaults faults) {
        return new PayV2Errcodes(faults);
    }

    @Override
    public ApiVersion version() {
        return ApiVersion.PAY_V2;
    }

    @Override
    public ErrorKind kindOf(int errcode, String errmsg) {
        return switch (errcode) {
            case -1 -> faults.matches(errmsg) ? ErrorKind.CONFIGURATION_FAULT : ErrorKind.SYSTEM_BUSY;
            case 90000 -> ErrorKind.ORDER_NOT_FOUND;
            case 90010 -> ErrorKind.PLAYER_SIGNATURE_INVALID;
            case 90011 -> ErrorKind.APP_SIGNATURE_INVALID;
            case 90012 -> ErrorKind.DUPLICATE_ORDER;
            case 90013 -> ErrorKind.INSUFFICIENT_BALANCE;
            case 90016 -> ErrorKind.SESSION_EXPIRED;
            case 90018 -> ErrorKind.INVALID_PARAMETER;
            case 40001, 40014, 42001 -> ErrorKind.ACCESS_TOKEN_INVALID;
            default -> ErrorKind.UNKNOWN_ERRCODE;
        };
    }

    @Override
    public Map<Integer, String> documented() {
        return DOCUMENTED;
    }
}
