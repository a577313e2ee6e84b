package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bridge gateway --standin} as a real process: it prints the URL it listens on, writes the demo world with
 * {@code --world-out} (snake_case, both versions' keys, each player's js_code), serves the unchanged midas 1.0
 * Python client from the gateway's test resources, and on SIGTERM shuts down gracefully with exit code 0.
 */
class GatewayCommandTest {
    @Test
    void standinRunsUntilSigtermAndServesAMidasV1Client() throws Exception {
        Path dir = Files.createTempDirectory("gateway-cli");
        Path world = dir.resolve("world.json");
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BridgeCli.class.getName(),
                "gateway",
                "--standin",
                "--port",
                "0",
                "--pay-v2-percent",
                "50",
                "--world-out",
                world.toString());
        Path log = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {

            String url = null;
            List<String> lines = new ArrayList<>();
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("gateway listening on ")) {
                    url = line.substring("gateway listening on ".length());
                    break;
                }
            }
            assertTrue(url != null && url.startsWith("http://127.0.0.1:"), lines.toString());
            String json = Files.readString(world);
            for (String key : List.of(
                    "\"appid\"",
                    "\"app_secret\"",
                    "\"access_token\"",
                    "\"midas_v1\"",
                    "\"pay_v2\"",
                    "\"offer_id\"",
                    "\"app_key\"",
                    "\"sandbox_app_key\"",
                    "\"openid\"",
                    "\"session_key\"",
                    "\"js_code\"",
                    "\"balance\"")) {
                assertTrue(json.contains(key), key + " in " + json);
            }
            Path client = Path.of("..", "gateway", "src", "test", "resources", "clients", "payment_client.py");
            Process c = new ProcessBuilder(
                            "python3",
                            client.toString(),
                            "--dialect",
                            "v1",
                            "--world",
                            world.toString(),
                            "--base-url",
                            url,
                            "--run",
                            "cli")
                    .redirectErrorStream(true)
                    .start();
            assertTrue(c.waitFor(120, TimeUnit.SECONDS));
            String result = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, c.exitValue(), result);
        } finally {
            // SIGTERM to the process this test started (Process.destroy would also close its output streams)
            new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped after SIGTERM");
        assertEquals(143, p.exitValue(), "ended by SIGTERM, after its shutdown hook");
        StringBuilder rest = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            rest.append(line).append('\n');
        }
        assertTrue(rest.toString().contains("gateway stopped:"), "graceful shutdown reported: " + rest);
        String err = Files.readString(log);
        assertTrue(!err.contains("Exception"), err);
    }

    @Test
    void configOrStandinIsRequired() {
        Cli r = Cli.run("gateway");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("--config FILE or --standin"), r.err());
    }
}
