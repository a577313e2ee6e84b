package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run as a user runs it: {@code java -jar bridge.jar ...} in its own process. */
class BridgeJarIT {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("bridge.jar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void theDemoRunsFromTheJar() throws Exception {
        Run r = run("demo", "--players", "30");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("all checks hold"), r.out());
    }

    @Test
    void auditOrdersRunsFromTheJarWithItsExitCode() throws Exception {
        Path orders = dir.resolve("orders.txt");
        Files.writeString(orders, "ok-1\n_legacy\n");
        Run r = run("audit-orders", "--json", orders.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("{\"total\":2,\"invalid_midas_v1\":0,\"invalid_pay_v2\":1}\n", r.out());
    }

    @Test
    void anUnknownCommandIsAOneLineErrorWithExitCode2() throws Exception {
        Run r = run("frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("bridge: Unmatched argument at index 0: 'frobnicate'"), r.err());
    }
}
