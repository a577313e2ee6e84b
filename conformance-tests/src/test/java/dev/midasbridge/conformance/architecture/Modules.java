package dev.midasbridge.conformance.architecture;

/** The package roots of midas-bridge's modules and of the libraries core must not touch. */
final class Modules {
    static final String ALL = "dev.midasbridge";
    static final String CORE = "dev.midasbridge.core..";
    static final String MIDAS_V1 = "dev.midasbridge.midas.v1..";
    static final String PAY_V2 = "dev.midasbridge.payv2..";

    /** HTTP, JSON and dependency-injection libraries: the adapters' business, never core's. */
    static final String[] LIBRARIES = {
        "retrofit2..", "com.squareup.moshi..", "okhttp3..", "okio..", "com.google.inject..", "jakarta.inject..",
        "javax.inject.."
    };

    private Modules() {
    }
}
