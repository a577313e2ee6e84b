package dev.midasbridge.simulator;

/**
 * The two APIs the stand-in serves. The stand-in's own type (it depends on no other midas-bridge module); callers
 * that hold the bridge's version convert by name.
 */
public enum ApiVersion {
    /** midas 1.0: {@code /cgi-bin/midas/*}. */
    MIDAS_V1("midas_v1"),
    /** pay_v2: {@code /wxa/game/*}. */
    PAY_V2("pay_v2");

    private final String label;

    ApiVersion(String label) {
        this.label = label;
    }

    /** {@code midas_v1} or {@code pay_v2}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
