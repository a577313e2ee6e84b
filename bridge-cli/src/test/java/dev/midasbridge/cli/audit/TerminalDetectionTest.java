package dev.midasbridge.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress bars are drawn only when stdout and stderr are both a terminal: a real pseudo-terminal (util-linux
 * {@code script}) with nothing redirected draws them; the same terminal with stdout sent to a file does not, nor a
 * process with no terminal at all.
 */
class TerminalDetectionTest {
    @TempDir
    Path dir;

    private static String probe() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -cp '"
                + System.getProperty("java.class.path") + "' " + TerminalProbe.class.getName();
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void barsOnlyWhenStdoutAndStderrAreBothATerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script gives a pseudo-terminal");
        assertTrue(run(List.of("script", "-qec", probe(), "/dev/null")).contains("bars=true"), "on a terminal");

        Path file = dir.resolve("out.txt");
        run(List.of("script", "-qec", probe() + " > '" + file + "'", "/dev/null"));
        assertEquals("bars=false", Files.readString(file).strip(), "stdout to a file, stderr on the terminal");

        assertTrue(run(List.of("sh", "-c", probe())).contains("bars=false"), "no terminal at all");
    }
}
