package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./bridge} script and the jar on a terminal and off it. The script's first build runs a stand-in
 * {@code mvn} (first on PATH) that prints what Maven 3.8 prints, colour codes included, and copies the real jar;
 * a terminal is a pseudo-terminal from util-linux {@code script}, where it is installed.
 */
class BridgeScriptIT {
    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    /** A copy of the project root holding only the script, and a fake mvn that records its arguments. */
    private Path project() throws IOException {
        Path root = Files.createDirectories(dir.resolve("project"));
        Path script = Path.of("").toAbsolutePath().getParent().resolve("bridge");
        Files.copy(script, root.resolve("bridge"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(
                mvn,
                String.join(
                        "\n",
                        "#!/usr/bin/env bash",
                        "echo \"$@\" > \"" + dir.resolve("mvn-args") + "\"",
                        "printf '\\033[0m\\033[0m[INFO] Scanning for projects...\\n'",
                        "printf '[INFO] Building midas-bridge core 0.1.0-SNAPSHOT                          [1/3]\\n'",
                        // a module whose name does not start with the project's, in bold as Maven 3.8 writes it
                        "printf '\\033[1m[INFO] Building gateway 0.1.0-SNAPSHOT                             [2/3]\\033[m\\n'",
                        "printf '[INFO] Building midas-bridge bridge-cli 0.1.0-SNAPSHOT                    [3/3]\\n'",
                        "printf '[INFO] Building jar: x.jar\\n\\033[1;32m[INFO] BUILD SUCCESS\\033[0m\\n'",
                        "mkdir -p bridge-cli/target && cp \"$REAL_JAR\" bridge-cli/target/bridge.jar",
                        ""));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        root.resolve("bridge").toFile().setExecutable(true);
        return root;
    }

    private Run run(List<String> cmd, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", dir.resolve("bin") + ":" + env.get("PATH"));
        env.put("REAL_JAR", System.getProperty("bridge.jar"));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static boolean hasScript() {
        return Files.isExecutable(Path.of("/usr/bin/script"));
    }

    @Test
    void theJarPrintsTheProjectVersion() throws Exception {
        Run r = run(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        System.getProperty("bridge.jar"),
                        "-V"),
                dir);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("midas-bridge " + System.getProperty("bridge.expected.version") + "\n", r.out());
    }

    @Test
    void theFirstBuildOffATerminalPrintsNothingAndAsksMavenForNoColours() throws Exception {
        Path root = project();
        Run r = run(List.of("./bridge", "-V"), root);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("midas-bridge " + System.getProperty("bridge.expected.version") + "\n", r.out());
        assertEquals("", r.err(), "no progress when stderr is not a terminal");
        String args = Files.readString(dir.resolve("mvn-args"));
        assertTrue(args.contains("-B") && args.contains("-Dstyle.color=never"), args);
    }

    @Test
    void theFirstBuildOnATerminalSaysSoInPlainText() throws Exception {
        assumeTrue(hasScript(), "util-linux script gives a pseudo-terminal");
        Path root = project();
        Run r = run(List.of("script", "-qec", "./bridge -V", "/dev/null"), root);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        String shown = r.out().replace("\r\n", "\n");
        assertTrue(
                shown.startsWith("bridge: building bridge-cli/target/bridge.jar (first use or sources changed)...\n"
                        + "bridge:   [1/3] core\nbridge:   [2/3] gateway\nbridge:   [3/3] bridge-cli\nbridge: built.\n"
                        + "midas-bridge "),
                shown);
        assertFalse(shown.contains(ESC), "no escape codes: " + shown);
    }

    @Test
    void theDemoShowsItsPhasesOnARealTerminalOnly() throws Exception {
        assumeTrue(hasScript(), "util-linux script gives a pseudo-terminal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String demo = java + " -jar " + System.getProperty("bridge.jar") + " demo --players 20";
        Run onTerminal = run(List.of("script", "-qec", demo, "/dev/null"), dir);
        assertEquals(0, onTerminal.exitCode(), onTerminal.out());
        assertTrue(onTerminal.out().contains("\rstep 1 (0% on pay_v2)"), onTerminal.out());
        Run redirected = run(List.of("bash", "-c", demo), dir);
        assertEquals(0, redirected.exitCode(), redirected.out() + redirected.err());
        assertFalse(redirected.err().contains("step 1"), redirected.err());
        assertFalse(redirected.out().contains("\r"), redirected.out());
    }
}
