package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile clients over real sockets on loopback: silent and slow connections, huge and padded bodies, duplicate keys
 * and parameters, malformed input. Correct calls keep being answered and nothing is applied that should not be. The
 * legitimate client uses 127.0.0.1; attackers bind to 127.0.0.2 and up so the per-address limit can be exercised.
 * Every loop is bounded and every wait has a timeout; no test asserts a fine-grained timing (those are in the
 * benchmark HostileLoad).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileClientTest {
    private static final Duration ANSWERED = Duration.ofSeconds(5);
    private static final int PER_ADDRESS = 32;
    private static final AtomicLong BILLS = new AtomicLong();

    private StandInServer server;

    @BeforeAll
    void start() {
        StandInServer.Limits limits = StandInServer.Limits.defaults()
                .withHeaderTimeout(Duration.ofSeconds(1))
                .withBodyTimeout(Duration.ofSeconds(1))
                .withIdleTimeout(Duration.ofSeconds(20))
                .withMaxConnectionsPerAddress(PER_ADDRESS);
        server = StandInServer.start(
                SimulatorConfig.parse(Wire.CONFIG),
                StandInServer.Options.defaults().withLimits(limits));
        server.admin().seedBalance(Wire.ALICE, "1", 1_000_000, 0);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // ------------------------------------------------------------------ probes

    @Test
    void fiveHundredSilentConnectionsDoNotStopCorrectCalls() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            // 500 connections from 25 addresses (20 each, under the per-address limit), one byte each, then silence.
            for (int i = 0; i < 500; i++) {
                Socket s = attacker(2 + i / 20, server.port());
                s.getOutputStream().write('P');
                s.getOutputStream().flush();
                silent.add(s);
            }
            for (int i = 0; i < 10; i++) {
                Map<String, Object> a = assertTimeoutPreemptively(ANSWERED, () -> pay(server.port(), 1));
                assertEquals(0, Wire.errcode(a), String.valueOf(a));
            }
        } finally {
            closeAll(silent);
        }
    }

    @Test
    void thePerAddressLimitRefusesTheExcessAndSparesOtherAddresses() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS + 8; i++) {
                sockets.add(attacker(200, server.port()));
            }
            int refused = 0;
            for (Socket s : sockets) {
                if (closedByServer(s, Duration.ofMillis(300))) {
                    refused++;
                }
            }
            assertEquals(
                    8, refused, "connections beyond " + PER_ADDRESS + " from one address are closed, the others kept");
            Map<String, Object> a = assertTimeoutPreemptively(ANSWERED, () -> pay(server.port(), 1));
            assertEquals(0, Wire.errcode(a), String.valueOf(a));
        } finally {
            closeAll(sockets);
        }
    }

    @Test
    void slowlorisHeadersAreCutOff() throws Exception {
        try (Socket s = attacker(201, server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("POST /wxa/game/pay HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean cut = false;
            // One header byte every 100 ms, for at most 10 s: the header timeout (1 s) must end it well before.
            for (int i = 0; i < 100 && !cut; i++) {
                try {
                    out.write(i % 2 == 0 ? 'X' : '-');
                    out.flush();
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                cut = closedByServer(s, Duration.ofMillis(100));
            }
            assertTrue(cut, "a connection dribbling its headers is closed");
        }
        assertEquals(0, Wire.errcode(assertTimeoutPreemptively(ANSWERED, () -> pay(server.port(), 1))));
    }

    @Test
    void aSlowBodyGetsATimeoutAnswerAndNothingIsApplied() throws Exception {
        int before = server.admin().ledger().size();
        String body = Wire.v2Body(Wire.ALICE, 0, Wire.extra("amount", 1, "bill_no", bill()));
        try (Socket s = attacker(202, server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(head("/wxa/game/pay" + signedQuery("/wxa/game/pay", body), body.length(), true));
            out.write(body.substring(0, 10).getBytes(StandardCharsets.UTF_8));
            out.flush();
            RawAnswer a = RawAnswer.read(s);
            assertEquals(408, a.status(), a.text());
            assertJsonWithoutClassNames(a);
        }
        assertEquals(before, server.admin().ledger().size());
    }

    @Test
    void hundredMegabyteBodiesAreRefusedInParallelAndNothingIsApplied() throws Exception {
        long balance = aliceBalance();
        int before = server.admin().ledger().size();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<RawAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean credentials = i % 2 == 0;
                boolean chunked = i % 3 == 2;
                int address = 210 + i;
                answers.add(pool.submit(() -> huge(address, server.port(), credentials, chunked, 100L << 20)));
            }
            for (int i = 0; i < answers.size(); i++) {
                RawAnswer a = answers.get(i).get(30, TimeUnit.SECONDS);
                assertJsonWithoutClassNames(a);
                if (i % 2 == 0) {
                    assertEquals(413, a.status(), a.text());
                    assertTrue(a.text().contains("47001"), a.text());
                } else {
                    assertTrue(a.text().contains("41001"), "no access token: refused before the body " + a.text());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, server.admin().ledger().size());
        assertEquals(balance, aliceBalance());
        assertEquals(0, Wire.errcode(assertTimeoutPreemptively(ANSWERED, () -> pay(server.port(), 1))));
    }

    @Test
    void aValidSignedCallPaddedOverTheCapIsNotApplied() throws Exception {
        long balance = aliceBalance();
        int before = server.admin().ledger().size();
        String body = Wire.v2Body(Wire.ALICE, 0, Wire.extra("amount", 7, "bill_no", bill(), "pad", "x".repeat(70_000)));
        RawAnswer a = post(server.port(), "/wxa/game/pay" + signedQuery("/wxa/game/pay", body), body);
        assertEquals(413, a.status(), a.text());
        assertTrue(a.text().contains("47001"), a.text());
        assertEquals(before, server.admin().ledger().size());
        assertEquals(balance, aliceBalance());
    }

    @Test
    void aWrongPaySigOnALargeBodyUnderTheCapIsAnswered() {
        String body =
                Wire.v2Body(Wire.ALICE, 0, Wire.extra("amount", 1, "bill_no", bill(), "pad", "é/\"x".repeat(9_000)));
        assertTrue(body.getBytes(StandardCharsets.UTF_8).length < 64 * 1024);
        String query = "?access_token=" + Wire.TOKEN + "&signature=" + Wire.signature(body, Wire.ALICE_KEY)
                + "&sig_method=hmac_sha256&pay_sig=" + "0".repeat(64);
        RawAnswer a = assertTimeoutPreemptively(ANSWERED, () -> post(server.port(), "/wxa/game/pay" + query, body));
        assertEquals(200, a.status());
        assertTrue(a.text().contains("90011"), a.text());
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKeyAndNothingIsCharged() throws Exception {
        long balance = aliceBalance();
        int before = server.admin().ledger().size();
        String body =
                "{\"openid\":\"o-alice\",\"offer_id\":\"1450000002\",\"ts\":1700000000,\"zone_id\":\"1\",\"env\":0,"
                        + "\"amount\":5,\"bill_no\":\"" + bill() + "\",\"openid\":\"o-bob\"}";
        RawAnswer a = post(server.port(), "/wxa/game/pay" + signedQuery("/wxa/game/pay", body), body);
        assertTrue(a.text().contains("90018") && a.text().contains("[openid]"), a.text());
        String nested =
                "{\"openid\":\"o-alice\",\"offer_id\":\"1450000002\",\"ts\":1700000000,\"zone_id\":\"1\",\"env\":0,"
                        + "\"amount\":5,\"bill_no\":\"" + bill() + "\",\"x\":{\"k\":1,\"k\":2}}";
        RawAnswer b = post(server.port(), "/wxa/game/pay" + signedQuery("/wxa/game/pay", nested), nested);
        assertTrue(b.text().contains("90018") && b.text().contains("[k]"), b.text());
        assertEquals(before, server.admin().ledger().size());
        assertEquals(balance, aliceBalance());
    }

    @Test
    void repeatedQueryParametersAreRefusedNamingTheParameter() throws Exception {
        String body = Wire.v2Body(Wire.ALICE, 0, Wire.extra("amount", 1, "bill_no", bill()));
        String query = signedQuery("/wxa/game/pay", body);
        RawAnswer a = post(server.port(), "/wxa/game/pay" + query + "&pay_sig=" + "0".repeat(64), body);
        assertTrue(a.text().contains("90018") && a.text().contains("[pay_sig]"), a.text());
        RawAnswer b = post(server.port(), "/wxa/game/pay" + query + "&access_token=other", body);
        assertTrue(b.text().contains("90018") && b.text().contains("[access_token]"), b.text());
    }

    @Test
    void malformedInputIsAnsweredInJsonWithoutClassNames() throws Exception {
        String path = "/wxa/game/pay" + signedQuery("/wxa/game/pay", "{}");
        for (String bad : List.of("{\"openid\":", "{\"openid\" \"x\"}", "[1,2", "nul", "{\"a\":1}}", "\"x\"")) {
            RawAnswer a = post(server.port(), path, bad);
            assertTrue(a.text().contains("47001"), bad + " -> " + a.text());
            assertJsonWithoutClassNames(a);
        }
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        RawAnswer a = exchange(server.port(), concat(head(path, notUtf8.length, true), notUtf8));
        assertTrue(a.text().contains("47001") && a.text().contains("UTF-8"), a.text());
        String longValue = "o-" + "z".repeat(500);
        RawAnswer echo = post(
                server.port(),
                "/wxa/game/pay" + signedQuery("/wxa/game/pay", "x"),
                Wire.v2Body(longValue, 0, Wire.extra("amount", 1, "bill_no", bill())));
        assertFalse(
                echo.text().contains("z".repeat(65)), "at most 64 characters of a value are echoed: " + echo.text());
        for (String raw : List.of(
                "GET /%zz%%/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "BREW /wxa/game/pay HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "POST /wxa/game/pay HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n",
                "POST /wxa/game/pay HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n",
                "POST /wxa/game/pay HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n",
                "garbage\r\n\r\n")) {
            RawAnswer r = exchange(server.port(), raw.getBytes(StandardCharsets.ISO_8859_1));
            assertJsonWithoutClassNames(r);
            assertTrue(r.status() >= 200, raw + " -> " + r.status());
        }
        assertEquals(0, Wire.errcode(assertTimeoutPreemptively(ANSWERED, () -> pay(server.port(), 1))));
    }

    /**
     * The heavy probes against the stand-in as a separate process ({@code Main}, -Xmx256m): parallel 100 MB bodies
     * and a signed call padded to 100 MB; the process's peak resident memory (VmHWM) stays under 512 MB and it keeps
     * answering correct calls.
     */
    @Test
    void aSeparateStandInSurvivesHundredMegabyteBodiesUnder512MegabytesResident(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, Wire.CONFIG);
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--port",
                        "0",
                        "--config",
                        config.toString(),
                        "--admin")
                .redirectErrorStream(true)
                .start();
        try {
            int port = portOf(p);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<RawAnswer>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    boolean credentials = i % 4 != 3;
                    boolean chunked = i % 2 == 1;
                    int address = 220 + i;
                    answers.add(pool.submit(() -> huge(address, port, credentials, chunked, 100L << 20)));
                }
                for (Future<RawAnswer> f : answers) {
                    RawAnswer a = f.get(60, TimeUnit.SECONDS);
                    assertJsonWithoutClassNames(a);
                    assertTrue(a.status() == 413 || a.text().contains("41001"), a.text());
                }
            } finally {
                pool.shutdownNow();
            }
            // A correctly signed call whose pad makes it 100 MB: refused from its Content-Length, never applied.
            RawAnswer padded = paddedHundredMegabytes(port);
            assertEquals(413, padded.status(), padded.text());
            RawAnswer ledger = exchange(
                    port,
                    ("GET /__admin/ledger HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertEquals("{\"entries\":[]}", ledger.text(), "nothing was applied");
            assertEquals(0, Wire.errcode(assertTimeoutPreemptively(ANSWERED, () -> pay(port, 1))));
            long hwm = vmHwmKb(p.pid());
            System.out.println("stand-in process VmHWM after the heavy probes: " + hwm / 1024 + " MB");
            assertTrue(hwm < 512 * 1024, "VmHWM " + hwm + " kB");
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void afterEverythingTheLedgerHoldsOnlyCorrectCalls() {
        // Every probe above checks its own ledger delta; this one checks the whole ledger: only "pay" of 1 coin by
        // Alice (the correct calls) was ever applied.
        assertEquals(0, Wire.errcode(assertTimeoutPreemptively(ANSWERED, () -> pay(server.port(), 1))));
        for (LedgerEntry e : server.admin().ledger()) {
            assertEquals("pay", e.endpoint(), e.toString());
            assertEquals(Wire.ALICE, e.openid(), e.toString());
            assertEquals(1, e.amount(), e.toString());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String bill() {
        return "hostile-" + BILLS.incrementAndGet();
    }

    private long aliceBalance() {
        return server.admin().balance(Environment.PRODUCTION, Wire.ALICE, "1").balance();
    }

    private static Socket attacker(int lastOctet, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0." + lastOctet), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        return s;
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Whether the server closed {@code s} (end of stream or reset) within {@code wait}. */
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

    private static String signedQuery(String path, String body) {
        return "?access_token=" + Wire.TOKEN + "&signature=" + Wire.signature(body, Wire.ALICE_KEY)
                + "&sig_method=hmac_sha256&pay_sig=" + Wire.paySig(path, body, Wire.V2_KEY);
    }

    private static byte[] head(String target, long length, boolean close) {
        return ("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                        + length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A correct signed pay of {@code amount} coins from 127.0.0.1. */
    private static Map<String, Object> pay(int port, long amount) throws IOException {
        String body = Wire.v2Body(Wire.ALICE, 0, Wire.extra("amount", amount, "bill_no", bill()));
        RawAnswer a = post(port, "/wxa/game/pay" + signedQuery("/wxa/game/pay", body), body);
        assertEquals(200, a.status(), a.text());
        return Wire.parse(a.text());
    }

    private static RawAnswer post(int port, String target, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange(port, concat(head(target, bytes.length, true), bytes));
    }

    /** Sends {@code request} from 127.0.0.1 and reads the answer until the server closes (at most 10 s). */
    private static RawAnswer exchange(int port, byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the server may answer and close before reading all of it
            }
            return RawAnswer.read(s);
        }
    }

    private static void assertJsonWithoutClassNames(RawAnswer a) {
        String t = a.text();
        assertTrue(t.startsWith("{\"errcode\":"), "a JSON errcode answer: " + t);
        for (String leak :
                List.of("java.", "javax.", "org.eclipse", "dev.midasbridge", "Exception", "\tat ", "<html")) {
            assertFalse(t.contains(leak), "no class name or stack trace in an answer: " + t);
        }
    }

    /**
     * Sends a body of {@code size} bytes (generated, never held) from 127.0.0.{@code address}: a JSON string pad
     * after a valid start; with or without the access token, with Content-Length or chunked. Stops writing when the
     * server answers or closes.
     */
    private static RawAnswer huge(int address, int port, boolean credentials, boolean chunked, long size)
            throws IOException {
        try (Socket s = attacker(address, port)) {
            s.setSoTimeout(20_000);
            String target = "/wxa/game/pay"
                    + (credentials
                            ? "?access_token=" + Wire.TOKEN + "&signature=x&sig_method=hmac_sha256&pay_sig=y"
                            : "");
            String head = "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
            OutputStream out = s.getOutputStream();
            Thread writer = new Thread(
                    () -> {
                        try {
                            out.write(head.getBytes(StandardCharsets.US_ASCII));
                            byte[] block = new byte[64 * 1024];
                            java.util.Arrays.fill(block, (byte) 'a');
                            for (long sent = 0;
                                    sent < size && !Thread.currentThread().isInterrupted();
                                    sent += block.length) {
                                if (chunked) {
                                    out.write((Integer.toHexString(block.length) + "\r\n")
                                            .getBytes(StandardCharsets.US_ASCII));
                                    out.write(block);
                                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                                } else {
                                    out.write(block);
                                }
                            }
                        } catch (IOException e) {
                            // the server answered and closed: expected
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

    private static RawAnswer paddedHundredMegabytes(int port) throws IOException {
        String start = Wire.v2Body(Wire.ALICE, 0, Wire.extra("amount", 5, "bill_no", bill()));
        String prefix = start.substring(0, start.length() - 1) + ",\"pad\":\"";
        long padLength = 100L << 20;
        String suffix = "\"}";
        javax.crypto.Mac paySig = TestHmac.mac(Wire.V2_KEY);
        javax.crypto.Mac signature = TestHmac.mac(Wire.ALICE_KEY);
        paySig.update("/wxa/game/pay&".getBytes(StandardCharsets.UTF_8));
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) 'p');
        for (javax.crypto.Mac m : List.of(paySig, signature)) {
            m.update(prefix.getBytes(StandardCharsets.UTF_8));
            for (long i = 0; i < padLength; i += block.length) {
                m.update(block);
            }
            m.update(suffix.getBytes(StandardCharsets.UTF_8));
        }
        String query = "?access_token=" + Wire.TOKEN + "&signature=" + TestHmac.hex(signature.doFinal())
                + "&sig_method=hmac_sha256&pay_sig=" + TestHmac.hex(paySig.doFinal());
        long length = prefix.length() + padLength + suffix.length();
        try (Socket s = attacker(240, port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(head("/wxa/game/pay" + query, length, true));
                out.write(prefix.getBytes(StandardCharsets.UTF_8));
                for (long i = 0; i < padLength; i += block.length) {
                    out.write(block);
                }
                out.write(suffix.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // answered and closed before the end: expected
            }
            return RawAnswer.read(s);
        }
    }

    private static int portOf(Process p) throws IOException {
        // Main prints "... listening on http://127.0.0.1:PORT"; read at most 50 lines.
        java.io.BufferedReader r =
                new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on http://[^:]+:(\\d+)");
        for (int i = 0; i < 50; i++) {
            String line = r.readLine();
            if (line == null) {
                break;
            }
            Matcher m = listening.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(
                        () -> {
                            try {
                                r.transferTo(java.io.Writer.nullWriter());
                            } catch (IOException ignored) {
                                // process ended
                            }
                        },
                        "stand-in-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the stand-in process did not say where it listens");
    }

    /** Peak resident set size of process {@code pid} in kB, from /proc/<pid>/status. */
    static long vmHwmKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmHWM for " + pid);
    }
}
