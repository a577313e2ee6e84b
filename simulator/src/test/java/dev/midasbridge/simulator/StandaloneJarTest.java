package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar started with {@code java -jar} in a subprocess answers a signed call. Runs in the {@code verify}
 * phase (a second Surefire execution), after {@code package} has built {@code target/simulator.jar}.
 */
class StandaloneJarTest {
    private static final Pattern URL = Pattern.compile("listening on (http://\\S+)");

    @Test
    void theJarStartsWithAConfigAndAnswers(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "simulator.jar");
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar.toAbsolutePath());
        Path config = dir.resolve("sim.json");
        Files.writeString(config, Wire.CONFIG);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(), "-jar", jar.toString(), "--port", "0", "--config", config.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String base = null;
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
                Matcher m = URL.matcher(line);
                if (m.find() && line.startsWith("midas-bridge")) {
                    base = m.group(1);
                    break;
                }
            }
            assertNotNull(base, "the jar never said where it listens:\n" + seen);
            String body = Wire.v2Body(Wire.BOB, 0, Map.of());
            HttpUrl url = HttpUrl.get(base + "/wxa/game/getbalance")
                    .newBuilder()
                    .addQueryParameter("access_token", Wire.TOKEN)
                    .addQueryParameter("sig_method", "hmac_sha256")
                    .addQueryParameter("pay_sig", Wire.paySig("/wxa/game/getbalance", body, Wire.V2_KEY))
                    .addQueryParameter("signature", Wire.signature(body, Wire.BOB_KEY))
                    .build();
            Request request = new Request.Builder()
                    .url(url)
                    .post(RequestBody.create(body, MediaType.get("application/json")))
                    .build();
            try (Response r = new OkHttpClient().newCall(request).execute()) {
                Map<String, Object> answer = Wire.json(r);
                assertEquals(0, Wire.errcode(answer));
                assertEquals(50, Wire.num(answer, "balance"));
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
