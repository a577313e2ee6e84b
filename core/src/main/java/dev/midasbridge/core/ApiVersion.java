package dev.midasbridge.core;

/** The two WeChat virtual-payment server APIs that midas-bridge speaks. */
public enum ApiVersion {
    /** midas 1.0: {@code /cgi-bin/midas/*}, {@code sig} and {@code mp_sig} in the body. */
    MIDAS_V1("midas_v1"),
    /** Virtual payment 2.0: {@code /wxa/game/*}, {@code pay_sig} and {@code signature} in the query. */
    PAY_V2("pay_v2");

    private final String label;

    ApiVersion(String label) {
        this.label = label;
    }

    /** The short name used in messages, vectors and configuration: {@code midas_v1} or {@code pay_v2}. */
    public String label() {
        return label;
    }

    /** Parses {@code midas_v1}, {@code v1}, {@code pay_v2} or {@code v2} (case-insensitive). */
    public static ApiVersion parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "midas_v1", "v1", "midas1", "midas_1" -> MIDAS_V1;
            case "pay_v2", "v2", "payv2", "paymentv2" -> PAY_V2;
            default ->
                throw new IllegalArgumentException(
                        "api version \"" + text + "\": expected one of midas_v1, v1, pay_v2, v2");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
