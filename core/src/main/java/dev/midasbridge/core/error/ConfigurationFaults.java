package dev.midasbridge.core.error;

import java.util.List;
import java.util.Objects;

/**
 * Recognises a -1 ("system busy") whose errmsg names a configuration fault, which no retry can fix:
 * e.g. {@code 1021-1021-0 ...}, which midas 1.0 sends when called with a pay_v2 offer_id or AppKey.
 */
public final class ConfigurationFaults {
    /** The markers known today: the errmsg prefixes midas answers for a wrong offer or key. */
    public static final ConfigurationFaults DEFAULT = new ConfigurationFaults(List.of("1021-1021-0"));

    private final List<String> markers;

    private ConfigurationFaults(List<String> markers) {
        this.markers = List.copyOf(markers);
    }

    /** Faults recognised by any of {@code markers} (substrings of errmsg). */
    public static ConfigurationFaults of(List<String> markers) {
        Objects.requireNonNull(markers, "markers");
        return new ConfigurationFaults(markers);
    }

    /** Whether a -1 with this errmsg is a configuration fault. */
    public boolean matches(String errmsg) {
        if (errmsg == null) {
            return false;
        }
        for (String m : markers) {
            if (errmsg.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /** The markers, in order. */
    public List<String> markers() {
        return markers;
    }
}
