package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command explains itself: --help exits 0 with an example, and the help text renders cleanly. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "demo",
                "serve",
                "balance",
                "pay",
                "refund",
                "grant",
                "query-order",
                "sign",
                "verify",
                "translate",
                "audit-orders",
                "gateway",
                "journal",
                "journal list",
                "journal show",
                "journal reconcile",
                "conformance",
                "doctor"
            })
    void everyCommandHasHelpWithAnExample(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream tracer = new java.io.ByteArrayOutputStream();
        Cli r;
        try {
            // picocli reports help texts it cannot format on System.err itself
            System.setErr(new java.io.PrintStream(tracer, true, java.nio.charset.StandardCharsets.UTF_8));
            r = Cli.run(args);
        } finally {
            System.setErr(original);
        }
        assertFalse(
                tracer.toString(java.nio.charset.StandardCharsets.UTF_8).contains("WARN"),
                command + ": " + tracer.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Example"), command + ":\n" + r.out());
        assertFalse(r.err().contains("WARN") || r.out().contains("WARN"), command + ":\n" + r.err());
    }
}
