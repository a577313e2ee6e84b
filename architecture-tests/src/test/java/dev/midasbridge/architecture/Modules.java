package dev.midasbridge.architecture;

/** The package roots of midas-bridge's modules, and the libraries core must not touch. */
final class Modules {
    static final String ALL = "dev.midasbridge";
    static final String CORE = "dev.midasbridge.core..";
    static final String TOKEN = "dev.midasbridge.token..";
    static final String SUPPORT = "dev.midasbridge.adapter..";
    static final String MIDAS_V1 = "dev.midasbridge.midas.v1..";
    static final String PAY_V2 = "dev.midasbridge.payv2..";
    static final String ENGINE = "dev.midasbridge.engine..";
    static final String JOURNAL_JDBC = "dev.midasbridge.journal.jdbc..";
    static final String APP = "dev.midasbridge.app..";
    static final String SIMULATOR = "dev.midasbridge.simulator..";
    static final String CONFORMANCE = "dev.midasbridge.conformance..";
    static final String CLI = "dev.midasbridge.cli..";
    static final String GATEWAY = "dev.midasbridge.gateway..";
    static final String BENCHMARKS = "dev.midasbridge.benchmarks..";

    /** HTTP, JSON, dependency-injection and database libraries: never core's business. */
    static final String[] LIBRARIES = {
        "retrofit2..", "com.squareup.moshi..", "okhttp3..", "okio..", "com.google.inject..", "jakarta.inject..",
        "javax.inject..", "java.sql..", "javax.sql..", "org.h2..", "org.postgresql..", "com.zaxxer..",
        "org.flywaydb..", "org.eclipse.jetty.."
    };

    private Modules() {}
}
