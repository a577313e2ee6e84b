package dev.midasbridge.midas.v1.error;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.ConfigurationFaults;
import dev.midasbridge.core.error.ErrcodeTable;
import dev.midasbridge.core.error.ErrorKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** midas 1.0's errcodes (API.md section 5) and the error kind each one means in this version. */
public final class MidasV1Errcodes implements ErrcodeTable {
    private static final Map<Integer, String> DOCUMENTED;

    static {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(-1, "system busy: outcome unknown, retry with the same bill_no");
        m.put(90000, "order does not exist");
        m.put(90009, "mp_sig wrong");
        m.put(90010, "player not logged in / session expired");
        m.put(90011, "sig wrong");
        m.put(90012, "order already exists");
        m.put(90013, "balance too low");
        m.put(90014, "order already confirmed");
        m.put(90015, "order already rolled back");
        m.put(90016, "order still processing");
        m.put(90017, "no permission to call");
        m.put(90018, "parameter error");
        DOCUMENTED = Map.copyOf(m);
    }

    private final ConfigurationFaults faults;

    private MidasV1Errcodes(ConfigurationFaults faults) {
        this.faults = faults;
    }

    /** The table with the default configuration-fault markers. */
    public static MidasV1Errcodes create() {
        return new MidasV1Errcodes(ConfigurationFaults.DEFAULT);
    }

    /** The table recognising {@code faults} in a -1 errmsg. */
    public static MidasV1Errcodes create(ConfigurationFaults faults) {
        return new MidasV1Errcodes(faults);
    }

    @Override
    public ApiVersion version() {
        return ApiVersion.MIDAS_V1;
    }

    @Override
    public ErrorKind kindOf(int errcode, String errmsg) {
        return switch (errcode) {
            case -1 -> faults.matches(errmsg) ? ErrorKind.CONFIGURATION_FAULT : ErrorKind.SYSTEM_BUSY;
            case 90000 -> ErrorKind.ORDER_NOT_FOUND;
            case 90009 -> ErrorKind.PLAYER_SIGNATURE_INVALID;
            case 90010 -> ErrorKind.SESSION_EXPIRED;
            case 90011 -> ErrorKind.APP_SIGNATURE_INVALID;
            case 90012 -> ErrorKind.DUPLICATE_ORDER;
            case 90013 -> ErrorKind.INSUFFICIENT_BALANCE;
            case 90014 -> ErrorKind.ORDER_ALREADY_CONFIRMED;
            case 90015 -> ErrorKind.ORDER_ALREADY_ROLLED_BACK;
            case 90016 -> ErrorKind.ORDER_PROCESSING;
            case 90017 -> ErrorKind.PERMISSION_DENIED;
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
