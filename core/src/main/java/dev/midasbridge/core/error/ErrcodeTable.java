package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;
import java.util.Map;

/**
 * One API version's errcodes and what each means. The same number means different things in the two
 * versions (90010, 90016), so every adapter brings its own table; never map by number alone.
 */
public interface ErrcodeTable {
    /** The version whose codes these are. */
    ApiVersion version();

    /** The kind for an errcode answer; {@code errmsg} matters for -1 (configuration faults). Never called with 0. */
    ErrorKind kindOf(int errcode, String errmsg);

    /** Every documented non-zero errcode with its meaning in this version, for documentation and tests. */
    Map<Integer, String> documented();
}
