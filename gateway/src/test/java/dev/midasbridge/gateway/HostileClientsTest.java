package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.payv2.PayV2Format;
import dev.midasbridge.simulator.RawAnswer;
import dev.midasbridge.simulator.TestHmac;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: duplicate JSON keys, numbers where text belongs, repeated query parameters, malformed, truncated and
 * non-UTF-8 bodies, slow headers and slow bodies, 100 MB bodies with and without credentials, and a flood of silent
 * connections. Loops and waits are bounded; outcomes are asserted, never timings.
 */
class HostileClientsTest {
    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = GatewayFixture.start(
                0,
                null,
                true,
                65536,
                b -> b.idleTimeout(Duration.ofMillis(700)).maxConnections(8).bodyTimeout(Duration.ofMillis(1500)));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static HttpResponse<String> v2(String path, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        Secret key = Secret.of("c2Vzc2lvbi1rZXktMQ==");
        return fx.post(
                path + "?access_token=demo-access-token&signature=" + PayV2Format.signature(b, key)
                        + "&sig_method=hmac_sha256&pay_sig="
                        + PayV2Format.paySig(path, b, Secret.of("demo-pay-v2-production-app-key")),
                b,
                Map.of());
    }

    @Test
    void duplicateKeysAreRefusedBeforeAnythingIsSent() throws Exception {
        HttpResponse<String> r = v2(
                "/wxa/game/pay",
                "{\"offer_id\":\"1450000002\",\"openid\":\"demo-player-1\","
                        + "\"ts\":1700000000,\"zone_id\":\"1\",\"env\":0,\"amount\":1,\"amount\":1000,\"bill_no\":\"DUP-1\"}");
        assertEquals(90018L, StrictJson.readObject(r.body()).get("errcode"), r.body());
        assertTrue(r.headers().firstValue("X-Bridge-Diagnosis").orElse("").contains("duplicate key"), r.body());
        assertTrue(fx.gateway.bridge().journal().list(1000).isEmpty(), "nothing journaled, nothing sent");
    }

    @Test
    void aNumberWhereTextBelongsIsAParameterError() throws Exception {
        HttpResponse<String> r = v2(
                "/wxa/game/pay",
                "{\"offer_id\":\"1450000002\",\"openid\":\"demo-player-1\","
                        + "\"ts\":1700000000,\"zone_id\":\"1\",\"env\":0,\"amount\":1,\"bill_no\":12345}");
        Map<String, Object> a = StrictJson.readObject(r.body());
        assertEquals(90018L, a.get("errcode"), r.body());
        assertTrue(((String) a.get("errmsg")).startsWith("[bill_no]"), r.body());
    }

    @Test
    void aSlowClientIsCutOffAtTheIdleTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.gateway.baseUrl().getPort())) {
            s.getOutputStream()
                    .write("POST /wxa/game/pay HTTP/1.1\r\nHost: x\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(10_000);
            long t0 = System.nanoTime();
            InputStream in = s.getInputStream();
            byte[] rest = in.readAllBytes(); // returns when the gateway closes the connection
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 8_000, "closed after the idle timeout, took " + ms + " ms; got " + rest.length + " bytes");
        }
    }

    private static final Secret SESSION_KEY = Secret.of("c2Vzc2lvbi1rZXktMQ==");
    private static final Secret V2_KEY = Secret.of("demo-pay-v2-production-app-key");

    private static String payBody(String billNo) {
        return "{\"offer_id\":\"1450000002\",\"openid\":\"demo-player-1\",\"ts\":1700000000,\"zone_id\":\"1\","
                + "\"env\":0,\"amount\":3,\"bill_no\":\"" + billNo + "\"}";
    }

    private static String signedQuery(String path, byte[] body) {
        return "?access_token=demo-access-token&signature=" + PayV2Format.signature(body, SESSION_KEY)
                + "&sig_method=hmac_sha256&pay_sig=" + PayV2Format.paySig(path, body, V2_KEY);
    }

    private static boolean journaled(String billNo) {
        return fx.gateway.bridge().journal().list(100_000).stream()
                .anyMatch(
                        e -> e.key().orderNo().equals(billNo) || e.wireOrderNo().equals(billNo));
    }

    /** The gateway still answers a correct signed call (a getbalance: nothing changes). */
    private static void stillAnswers(GatewayFixture f) throws Exception {
        byte[] b = ("{\"offer_id\":\"1450000002\",\"openid\":\"demo-player-1\",\"ts\":1700000000,"
                        + "\"zone_id\":\"1\",\"env\":0}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = f.post("/wxa/game/getbalance" + signedQuery("/wxa/game/getbalance", b), b, Map.of());
        assertEquals(0L, StrictJson.readObject(r.body()).get("errcode"), r.body());
    }

    private static void assertJsonWithoutClassNames(String t) {
        assertTrue(t.startsWith("{\"errcode\":"), "a JSON errcode answer: " + t);
        for (String leak :
                List.of("java.", "javax.", "org.eclipse", "dev.midasbridge", "Exception", "\tat ", "<html")) {
            assertFalse(t.contains(leak), "no class name or stack trace in an answer: " + t);
        }
    }

    @Test
    void aRepeatedQueryParameterIsRefusedNamingIt() throws Exception {
        byte[] b = payBody("REPEAT-1").getBytes(StandardCharsets.UTF_8);
        String q = signedQuery("/wxa/game/pay", b);
        HttpResponse<String> r = fx.post("/wxa/game/pay" + q + "&pay_sig=0000", b, Map.of());
        Map<String, Object> a = StrictJson.readObject(r.body());
        assertEquals(90018L, a.get("errcode"), r.body());
        assertTrue(((String) a.get("errmsg")).startsWith("[pay_sig] pay_sig appears more than once"), r.body());
        HttpResponse<String> token = fx.post(
                "/cgi-bin/midas/pay?access_token=a&access_token=b", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertTrue(
                ((String) StrictJson.readObject(token.body()).get("errmsg")).startsWith("[access_token]"),
                token.body());
        assertFalse(journaled("REPEAT-1"), "nothing journaled, nothing sent");
    }

    @Test
    void malformedTruncatedAndNonUtf8BodiesGetAJsonErrcodeWithoutClassNames() throws Exception {
        List<byte[]> bodies = List.of(
                "not json".getBytes(StandardCharsets.UTF_8),
                payBody("TRUNC-1").substring(0, 40).getBytes(StandardCharsets.UTF_8),
                "[1,2,3]".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                "{\"openid\":\"demo-player-1\",\"offer_id\":\"\u00ff\"}".getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', 'o', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'},
                "{\"a\":".repeat(2000).getBytes(StandardCharsets.UTF_8));
        long before = fx.standIn.balance("demo-player-1");
        for (String path : List.of("/wxa/game/pay", "/cgi-bin/midas/pay")) {
            for (byte[] b : bodies) {
                HttpResponse<String> r = fx.post(path + signedQuery(path, b), b, Map.of());
                assertJsonWithoutClassNames(r.body());
                assertTrue(((Number) StrictJson.readObject(r.body()).get("errcode")).longValue() != 0, r.body());
            }
        }
        assertEquals(before, fx.standIn.balance("demo-player-1"), "nothing applied");
        assertFalse(journaled("TRUNC-1"));
        stillAnswers(fx);
    }

    @Test
    void aBodyDribbledPastTheBodyTimeoutIsRefusedAndNothingApplied() throws Exception {
        long before = fx.standIn.balance("demo-player-1");
        byte[] body = payBody("SLOW-BODY-1").getBytes(StandardCharsets.UTF_8);
        String head = "POST /wxa/game/pay" + signedQuery("/wxa/game/pay", body) + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (Socket s = new Socket("127.0.0.1", fx.gateway.baseUrl().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // One byte every 300 ms (inside the 700 ms idle timeout): the whole body would take about 30 s, the body
            // timeout is 1.5 s. The writer stops at the body's end or when the gateway closes the connection.
            Thread writer = new Thread(
                    () -> {
                        try {
                            for (int i = 0;
                                    i < body.length - 1
                                            && !Thread.currentThread().isInterrupted();
                                    i++) {
                                out.write(body[i]);
                                out.flush();
                                Thread.sleep(300);
                            }
                        } catch (IOException | InterruptedException e) {
                            // closed by the gateway: expected
                        }
                    },
                    "dribble");
            writer.setDaemon(true);
            writer.start();
            s.setSoTimeout(20_000);
            RawAnswer a = RawAnswer.read(s);
            writer.interrupt();
            assertEquals(408, a.status(), a.text());
            assertJsonWithoutClassNames(a.text());
        }
        assertFalse(journaled("SLOW-BODY-1"), "nothing journaled, nothing sent");
        assertEquals(before, fx.standIn.balance("demo-player-1"), "nothing applied");
        stillAnswers(fx);
    }

    @Test
    void hundredMegabyteBodiesWithAndWithoutCredentialsAre413AndTheGatewaySurvives() throws Exception {
        long before = fx.standIn.balance("demo-player-1");
        for (boolean credentials : new boolean[] {false, true}) {
            for (boolean chunked : new boolean[] {false, true}) {
                RawAnswer a = huge(credentials, chunked, 100L << 20, "HUGE-" + credentials + "-" + chunked);
                assertEquals(413, a.status(), "credentials " + credentials + ", chunked " + chunked + ": " + a.text());
                assertJsonWithoutClassNames(a.text());
                assertFalse(journaled("HUGE-" + credentials + "-" + chunked), "nothing journaled");
            }
        }
        assertEquals(before, fx.standIn.balance("demo-player-1"), "nothing applied");
        stillAnswers(fx);
    }

    @Test
    void aFloodOfSilentConnectionsIsCappedPerAddressAndCorrectCallsAreStillAnswered() throws Exception {
        try (GatewayFixture f = GatewayFixture.start(
                0,
                null,
                true,
                65536,
                b -> b.maxConnections(1024).maxConnectionsPerAddress(50).idleTimeout(Duration.ofSeconds(30)))) {
            int port = f.gateway.baseUrl().getPort();
            List<Socket> flood = new ArrayList<>();
            try {
                // 4 addresses x 80 silent connections: 50 of each are held (200 in all), 30 of each closed at once.
                for (int address = 2; address <= 5; address++) {
                    for (int i = 0; i < 80; i++) {
                        flood.add(attacker(address, port));
                    }
                }
                for (int i = 0; i < 5; i++) {
                    stillAnswers(f);
                }
                int closed = 0;
                for (Socket s : flood) {
                    if (closedByServer(s, Duration.ofMillis(30))) {
                        closed++;
                    }
                }
                assertEquals(4 * 30, closed, "the connections past 50 per address are closed, the others held");
                stillAnswers(f);
            } finally {
                for (Socket s : flood) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ raw sockets

    private static Socket attacker(int lastOctet, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0." + lastOctet), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        return s;
    }

    /** Whether the gateway closed {@code s} (end of stream or reset) within {@code wait}. */
    private static boolean closedByServer(Socket s, Duration wait) {
        try {
            s.setSoTimeout((int) wait.toMillis());
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Sends a pay of {@code size} bytes (generated, never held): a valid start and a JSON string pad; with
     * credentials, a correct access token and both signatures over the whole padded body. Content-Length or chunked.
     */
    private static RawAnswer huge(boolean credentials, boolean chunked, long size, String billNo) throws IOException {
        String start = payBody(billNo);
        byte[] prefix = (start.substring(0, start.length() - 1) + ",\"pad\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[64 * 1024];
        java.util.Arrays.fill(block, (byte) 'p');
        long padLength = size - prefix.length - suffix.length;
        long blocks = padLength / block.length;
        padLength = blocks * block.length;
        long length = prefix.length + padLength + suffix.length;
        String target = "/wxa/game/pay";
        if (credentials) {
            javax.crypto.Mac paySig = TestHmac.mac("demo-pay-v2-production-app-key");
            javax.crypto.Mac signature = TestHmac.mac(SESSION_KEY.reveal());
            paySig.update((target + "&").getBytes(StandardCharsets.UTF_8));
            for (javax.crypto.Mac m : List.of(paySig, signature)) {
                m.update(prefix);
                for (long i = 0; i < blocks; i++) {
                    m.update(block);
                }
                m.update(suffix);
            }
            target += "?access_token=demo-access-token&signature=" + TestHmac.hex(signature.doFinal())
                    + "&sig_method=hmac_sha256&pay_sig=" + TestHmac.hex(paySig.doFinal());
        }
        String head = "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n") + "\r\n";
        try (Socket s = new Socket("127.0.0.1", fx.gateway.baseUrl().getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            Thread writer = new Thread(
                    () -> {
                        try {
                            out.write(head.getBytes(StandardCharsets.US_ASCII));
                            write(out, prefix, chunked);
                            for (long i = 0;
                                    i < blocks && !Thread.currentThread().isInterrupted();
                                    i++) {
                                write(out, block, chunked);
                            }
                            write(out, suffix, chunked);
                            if (chunked) {
                                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            }
                        } catch (IOException e) {
                            // the gateway answered and closed: expected
                        }
                    },
                    "huge-writer");
            writer.setDaemon(true);
            writer.start();
            RawAnswer a = RawAnswer.read(s);
            writer.interrupt();
            return a;
        }
    }

    private static void write(OutputStream out, byte[] bytes, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(bytes);
        }
    }
}
