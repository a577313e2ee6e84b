package dev.midasbridge.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Issue 10 (items 11 to 14): the stand-in server under hostile clients. The server runs in a SEPARATE JVM
 * ({@code java -Xmx256m -jar simulator/target/simulator.jar}); a legitimate client on 127.0.0.1 sends correctly signed
 * pay_v2 {@code pay} calls one after another over keep-alive (OkHttp) and their latency is measured (p50, p99):
 * <ol>
 *   <li>{@code quiet}: no attack;</li>
 *   <li>{@code silent}: 500 connections from 127.0.0.2 and up (20 per address) that each sent one byte and went
 *       silent;</li>
 *   <li>{@code slowloris}: 200 connections dribbling their headers, one byte per connection every 200 ms;</li>
 *   <li>{@code bodies}: four clients sending 100 MB bodies in a loop (two with the access token, two without).</li>
 * </ol>
 * At the end it reads the server's peak resident memory ({@code VmHWM} in /proc). Depends only on the simulator jar,
 * OkHttp and the JDK (it signs with the JDK's Mac). Options: {@code --calls N} per phase (default 500),
 * {@code --simulator-jar PATH}. Prints human lines and one
 * {@code RESULT hostile_load quiet_p50_ms=... quiet_p99_ms=... silent_p50_ms=... ... errors=... server_vmhwm_mb=...}.
 * Stops by itself (a whole run is bounded at 5 minutes).
 *
 * <p>Run (from the project root): {@code benchmarks/run hostile}.
 */
public final class HostileLoad {
    private static final String TOKEN = "hostile-access-token";
    private static final String V2_OFFER = "1450000202";
    private static final String V2_KEY = "hostile-pay-v2-production-app-key";
    private static final String OPENID = "hostile-player";
    private static final String SESSION_KEY = "aG9zdGlsZS1zZXNzaW9uLWtleQ==";
    private static final String CONFIG = "{\"access_token\": \"" + TOKEN + "\","
            + " \"midas_v1\": {\"appid\": \"wxhostile\", \"offer_id\": \"1450000201\", \"app_key\": \"hostile-v1\","
            + " \"sandbox_app_key\": \"hostile-v1-sandbox\"},"
            + " \"pay_v2\": {\"offer_id\": \"" + V2_OFFER + "\", \"app_key\": \"" + V2_KEY + "\","
            + " \"sandbox_app_key\": \"hostile-v2-sandbox\"},"
            + " \"players\": [{\"openid\": \"" + OPENID + "\", \"session_key\": \"" + SESSION_KEY + "\","
            + " \"zone_id\": \"1\", \"balance\": 1000000000000, \"present_balance\": 0}]}";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final long RUN_LIMIT_MINUTES = 5;

    private final OkHttpClient client;
    private final String baseUrl;
    private final int port;
    private final AtomicLong bills = new AtomicLong();
    private long errors;

    private HostileLoad(String baseUrl, int port) {
        this.baseUrl = baseUrl;
        this.port = port;
        this.client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(4, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .readTimeout(java.time.Duration.ofSeconds(30))
                .build();
    }

    public static void main(String[] args) throws Exception {
        int calls = 500;
        Path jar = Path.of("simulator", "target", "simulator.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--simulator-jar" -> jar = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + " (known: --calls N, --simulator-jar PATH)");
            }
        }
        Thread limit = new Thread(
                () -> {
                    try {
                        Thread.sleep(TimeUnit.MINUTES.toMillis(RUN_LIMIT_MINUTES));
                        System.err.println(
                                "hostile-load: still running after " + RUN_LIMIT_MINUTES + " minutes: giving up");
                        System.exit(3);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "hostile-load-limit");
        limit.setDaemon(true);
        limit.start();

        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--simulator-jar " + jar + ": no such file (run benchmarks/run hostile "
                    + "from the project root)");
        }
        Path dir = Files.createTempDirectory("midas-hostile-load");
        Path config = dir.resolve("config.json");
        Files.writeString(config, CONFIG, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-jar",
                        jar.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--config",
                        config.toString())
                .redirectError(dir.resolve("simulator.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly, "simulator-killer"));
        try {
            String url = listening(server);
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            System.out.println("stand-in server (separate JVM, -Xmx256m, pid " + server.pid() + ") at " + url);
            new HostileLoad(url, port).run(calls, server.pid());
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private void run(int calls, long pid) throws Exception {
        measure(calls); // warm-up: both JVMs
        double[] quiet = measure(calls);
        report("quiet", quiet);

        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                Socket s = attacker(2 + i / 20);
                s.getOutputStream().write('P');
                s.getOutputStream().flush();
                silent.add(s);
            }
            double[] underSilent = measure(calls);
            report("silent (500 one-byte connections)", underSilent);

            AtomicBoolean stop = new AtomicBoolean();
            Thread loris = slowloris(200, stop);
            double[] underLoris;
            try {
                underLoris = measure(calls);
            } finally {
                stop.set(true);
                loris.join(5000);
            }
            report("slowloris (200 dribbling connections)", underLoris);

            stop.set(false);
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                senders.add(hugeBodies(100 + i, i % 2 == 0, stop));
            }
            double[] underBodies;
            try {
                underBodies = measure(calls);
            } finally {
                stop.set(true);
                for (Thread t : senders) {
                    t.join(5000);
                }
            }
            report("bodies (4 clients sending 100 MB bodies)", underBodies);
            long hwm = vmHwmKb(pid);
            System.out.printf(
                    Locale.ROOT,
                    "server VmHWM: %d MB; errors (answers other than errcode 0): %d%n",
                    hwm / 1024,
                    errors);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT hostile_load calls=%d quiet_p50_ms=%.3f quiet_p99_ms=%.3f "
                            + "silent_p50_ms=%.3f silent_p99_ms=%.3f slowloris_p50_ms=%.3f slowloris_p99_ms=%.3f "
                            + "bodies_p50_ms=%.3f bodies_p99_ms=%.3f silent_connections=500 errors=%d server_vmhwm_mb=%d%n",
                    calls,
                    quiet[0],
                    quiet[1],
                    underSilent[0],
                    underSilent[1],
                    underLoris[0],
                    underLoris[1],
                    underBodies[0],
                    underBodies[1],
                    errors,
                    hwm / 1024);
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    private static void report(String phase, double[] p) {
        System.out.printf(Locale.ROOT, "%-42s p50 %.3f ms, p99 %.3f ms%n", phase, p[0], p[1]);
    }

    /** {@code calls} correct pays one after another; returns {p50, p99} in ms. */
    private double[] measure(int calls) throws IOException {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            String body = "{\"openid\":\"" + OPENID + "\",\"offer_id\":\"" + V2_OFFER + "\",\"ts\":1700000000,"
                    + "\"zone_id\":\"1\",\"env\":0,\"amount\":1,\"bill_no\":\"hl-" + bills.incrementAndGet() + "\"}";
            HttpUrl url = HttpUrl.get(baseUrl + "/wxa/game/pay")
                    .newBuilder()
                    .addQueryParameter("access_token", TOKEN)
                    .addQueryParameter("signature", hmac(SESSION_KEY, body))
                    .addQueryParameter("sig_method", "hmac_sha256")
                    .addQueryParameter("pay_sig", hmac(V2_KEY, "/wxa/game/pay&" + body))
                    .build();
            Request request = new Request.Builder()
                    .url(url)
                    .post(RequestBody.create(body, JSON))
                    .build();
            long start = System.nanoTime();
            try (Response response = client.newCall(request).execute()) {
                String text = response.body().string();
                if (!text.startsWith("{\"errcode\":0,")) {
                    errors++;
                }
            }
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new double[] {nanos[(int) (calls * 0.50)] / 1e6, nanos[Math.min(calls - 1, (int) (calls * 0.99))] / 1e6};
    }

    private Socket attacker(int lastOctet) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0." + lastOctet), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** {@code n} connections from 127.0.0.50 and up, each sent one more header byte every 200 ms (reconnecting). */
    private Thread slowloris(int n, AtomicBoolean stop) {
        Thread t = new Thread(
                () -> {
                    Socket[] sockets = new Socket[n];
                    try {
                        while (!stop.get()) {
                            for (int i = 0; i < n && !stop.get(); i++) {
                                try {
                                    if (sockets[i] == null) {
                                        sockets[i] = attacker(50 + i / 20);
                                        sockets[i]
                                                .getOutputStream()
                                                .write("POST /wxa/game/pay HTTP/1.1\r\nHost: x\r\n"
                                                        .getBytes(StandardCharsets.US_ASCII));
                                    }
                                    sockets[i].getOutputStream().write('X');
                                } catch (IOException e) {
                                    close(sockets[i]);
                                    sockets[i] = null; // cut off by the server: come back
                                }
                            }
                            Thread.sleep(200);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        for (Socket s : sockets) {
                            close(s);
                        }
                    }
                },
                "slowloris");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Sends 100 MB bodies in a loop from 127.0.0.{@code octet}, with or without the access token. */
    private Thread hugeBodies(int octet, boolean credentials, AtomicBoolean stop) {
        Thread t = new Thread(
                () -> {
                    byte[] block = new byte[64 * 1024];
                    Arrays.fill(block, (byte) 'a');
                    long size = 100L << 20;
                    while (!stop.get()) {
                        try (Socket s = attacker(octet)) {
                            OutputStream out = s.getOutputStream();
                            String target = "/wxa/game/pay"
                                    + (credentials
                                            ? "?access_token=" + TOKEN + "&signature=x&sig_method=hmac_sha256&pay_sig=y"
                                            : "");
                            out.write(("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                            + "Content-Length: " + size + "\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            for (long sent = 0; sent < size && !stop.get(); sent += block.length) {
                                out.write(block);
                            }
                        } catch (IOException e) {
                            // refused and closed by the server: send the next one
                        }
                    }
                },
                "huge-bodies-" + octet);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void close(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            StringBuilder sb = new StringBuilder(64);
            for (byte b : mac.doFinal(message.getBytes(StandardCharsets.UTF_8))) {
                sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String listening(Process process) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < giveUp && (line = out.readLine()) != null) {
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                Thread drain = new Thread(
                        () -> {
                            try {
                                out.transferTo(java.io.Writer.nullWriter());
                            } catch (IOException ignored) {
                                // the process ended
                            }
                        },
                        "simulator-output");
                drain.setDaemon(true);
                drain.start();
                return line.substring(at + "listening on ".length()).split(" ")[0];
            }
        }
        throw new IllegalStateException("the simulator did not say where it listens");
    }

    private static long vmHwmKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
