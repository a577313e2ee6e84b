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

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("bridge.jar")));
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
        assertEquals(
                "{\"offenders\":[{\"line\":2,\"value\":\"_legacy\",\"reasons\":[\"not valid for pay_v2: it"
                        + " must not begin with '_'\"]}],\"total\":2,\"invalid_midas_v1\":0,\"invalid_pay_v2\":1}\n",
                r.out());
    }

    @Test
    void serveStartsTheStandInServerThatAnAdapterCanCall() throws Exception {
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("bridge.jar"),
                "serve",
                "--port",
                "0");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var out =
                new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String url = null;
            for (String line = out.readLine(); line != null && url == null; line = out.readLine()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("listening on (http://\\S+)")
                        .matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
            }
            assertTrue(url != null, "serve printed where it listens");
            var demo = dev.midasbridge.simulator.SimulatorConfig.demo();
            var gateway = dev.midasbridge.payv2.PayV2.create(
                    dev.midasbridge.payv2.PayV2Config.builder(dev.midasbridge.core.credentials.ApiCredentials.payV2(
                                    demo.payV2().offerId(),
                                    dev.midasbridge.app.standin.StandInSettings.secret(
                                            demo.payV2().appKey()),
                                    dev.midasbridge.app.standin.StandInSettings.secret(
                                            demo.payV2().sandboxAppKey())))
                            .baseUrl(url)
                            .build(),
                    dev.midasbridge.core.credentials.AccessTokenProvider.fixed(
                            demo.accessToken().reveal()));
            var balance = gateway.balance(
                    dev.midasbridge.core.operation.BalanceQuery.of(
                            dev.midasbridge.core.player.Player.of("demo-player-1")),
                    dev.midasbridge.core.gateway.CallContext.production(
                            dev.midasbridge.core.credentials.PlayerSession.of("demo-player-1", "c2Vzc2lvbi1rZXktMQ=="),
                            java.time.Duration.ofSeconds(5)));
            assertEquals(1000, balance.balance());
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void anUnknownCommandIsAOneLineErrorWithExitCode2() throws Exception {
        Run r = run("frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("bridge: Unmatched argument at index 0: 'frobnicate'"), r.err());
    }
}
