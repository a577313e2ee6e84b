package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2Format;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser (Debian's headless Chromium through Selenium): a short migration through a gateway
 * and a stand-in on loopback (players on each version, a routing change, errcodes, session-key misses, an order left
 * UNKNOWN), then the page is opened with the admin token and every chart must be drawn (a canvas with pixels on it)
 * with the figures of that migration: the chart's data is status.json's series, each table row shows the series' last
 * value and total, and the totals are what the test did.
 */
class StatusPageBrowserTest {
    private static final String TOKEN = "demo-access-token";
    private static final List<String> CHARTS =
            List.of("routing", "requests", "errcodes", "orders", "shadow", "session", "push");

    @Test
    void everyChartRendersTheFiguresOfAShortMigration() throws Exception {
        ChromeDriver browser = Chromium.start();
        try (GatewayFixture fx =
                GatewayFixture.start(4, null, true, 65536, b -> b.reconcileInterval(Duration.ofHours(1)))) {
            Map<String, String> keys = fx.standIn.sessionKeys();
            Expected expected = new Expected();

            // Phase 1: players 3 and 4 on pay_v2, everyone else on midas 1.0; games speaking both dialects.
            admin(
                    fx,
                    "PUT",
                    "/admin/routing",
                    "{\"pay_v2_percent\":0,\"pay_v2_openids\":[\"demo-player-3\",\"demo-player-4\"]}");
            fx.gateway.status().sampleNow();
            expected.answer("midas_v1", v1Pay(fx, keys, "demo-player-1", "ST-1", 5));
            expected.answer("midas_v1", v1Pay(fx, keys, "demo-player-2", "ST-2", 6));
            expected.answer("midas_v1", v2Pay(fx, keys, "demo-player-5", "ST-3", 7, true));
            expected.answer("pay_v2", v1Pay(fx, keys, "demo-player-3", "ST-4", 8));
            expected.answer("pay_v2", v2Pay(fx, keys, "demo-player-4", "ST-5", 9, true));
            // An errcode from the API: more than the player has.
            long poor = expected.answer("pay_v2", v2Pay(fx, keys, "demo-player-4", "ST-6", 1_000_000, true));
            assertTrue(poor != 0, "a payment over the balance is refused");
            // Refused before routing: no signature (a session-key miss), and a player the gateway has no key for.
            expected.answer("none", v2Pay(fx, keys, "demo-player-6", "ST-7", 1, false));
            expected.answer("none", v2Pay(fx, Map.of("stranger-1", "c2Vzc2lvbg=="), "stranger-1", "ST-8", 1, true));
            fx.gateway.status().sampleNow();

            // Phase 2: everyone on pay_v2; one order's answers are lost, so it stays UNKNOWN (no reconcile runs).
            admin(fx, "PUT", "/admin/routing", "{\"pay_v2_percent\":100}");
            expected.answer("pay_v2", v1Pay(fx, keys, "demo-player-1", "ST-9", 3));
            fx.standIn.dropAnswersAfterApplying("ST-U");
            long unknown = expected.answer("pay_v2", v1Pay(fx, keys, "demo-player-2", "ST-U", 4));
            assertEquals(-1, unknown, "the lost answer is -1 to the game");
            fx.standIn.clearFaults();

            // The gateway counts a request just after it has answered it: wait (bounded) for the last one.
            long sent = expected.requests.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            for (int i = 0; i < 100 && counted(fx) < sent; i++) {
                Thread.sleep(100);
            }
            fx.gateway.status().sampleNow();
            Map<String, Object> json = StrictJson.readObject(admin(fx, "GET", "/admin/status.json", null)
                    .body()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Map<String, Object> totals = map(json.get("totals"));
            assertEquals(expected.requests, longs(map(totals.get("requests"))), "requests per routed version");
            assertEquals(expected.errcodes, longs(map(totals.get("errcodes"))), "errcodes per version");
            assertEquals(
                    Map.of("unknown", 1L, "stale", 0L, "missing_signature", 1L),
                    longs(map(totals.get("session_key_misses"))));
            Map<String, Object> orders = map(totals.get("orders"));
            assertEquals(1L, orders.get("unknown"), json.toString());
            assertEquals(0L, orders.get("pending"));
            assertEquals(1L, orders.get("answered_unknown"));
            assertNotNull(orders.get("oldest_unresolved_at"));
            assertEquals(
                    Map.of("delivered", 0L, "duplicate", 0L, "refused", 0L, "mock", 0L, "failed", 0L),
                    longs(map(totals.get("push_events"))),
                    "no push endpoint traffic: zeros, not missing");
            assertEquals(100L, map(totals.get("routing_pay_v2_percent")).get("production"));

            // The page, with the admin token as the Basic password the browser would ask for.
            URI admin = fx.gateway.adminUrl().orElseThrow();
            browser.get("http://admin:" + GatewayFixture.ADMIN_TOKEN + "@" + admin.getHost() + ":" + admin.getPort()
                    + "/admin/status/");
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-renders") != null);
            // Freeze the page (its own "pause updates" box) so that what is read below is one rendering.
            browser.findElement(By.id("pause")).click();
            JavascriptExecutor js = browser;
            Map<String, Object> page =
                    StrictJson.readObject(((String) js.executeScript("return JSON.stringify(window.midasStatus.data)"))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(norm(totals), norm(page.get("totals")), "the page shows status.json's figures");
            List<Object> time = list(page.get("time"));
            // The sampler's first sample at start, the test's 3 (the timer may add more), and the one taken now.
            assertTrue(time.size() >= 5, "samples: " + time);

            List<Object> charts = list(page.get("charts"));
            assertEquals(CHARTS, charts.stream().map(c -> map(c).get("id")).toList());
            for (Object c : charts) {
                Map<String, Object> chart = map(c);
                String id = (String) chart.get("id");
                WebElement section = browser.findElement(By.id("chart-" + id));
                assertEquals(
                        chart.get("title"),
                        section.findElement(By.tagName("h2")).getText());
                WebElement canvas = section.findElement(By.cssSelector(".plot canvas"));
                assertTrue(canvas.getSize().getWidth() > 100 && canvas.getSize().getHeight() > 50, id);
                Number inked = (Number) js.executeScript(
                        "var c = arguments[0], x = c.getContext('2d'), p = x.getImageData(0, 0, c.width, c.height).data,"
                                + " n = 0; for (var i = 3; i < p.length; i += 4) { if (p[i] > 0) n++; } return n;",
                        canvas);
                assertTrue(inked.longValue() > 500, id + ": the chart drew on its canvas (" + inked + " pixels)");
                // uPlot holds exactly status.json's series: [time, series...].
                List<Object> plotted = array(((String) js.executeScript(
                        "return JSON.stringify(window.midasStatus.plots[arguments[0]].plot.data)", id)));
                List<Object> series = list(chart.get("series"));
                List<String> legend = section.findElements(By.cssSelector(".u-legend .u-label")).stream()
                        .map(WebElement::getText)
                        .toList();
                for (Object o : series) {
                    assertTrue(legend.contains((String) map(o).get("label")), id + ": legend " + legend);
                }
                assertEquals(series.size() + 1, plotted.size(), id);
                assertEquals(norm(time), norm(plotted.get(0)), id + ": x values");
                for (int i = 0; i < series.size(); i++) {
                    Map<String, Object> s = map(series.get(i));
                    assertEquals(norm(s.get("values")), norm(plotted.get(i + 1)), id + " " + s.get("label"));
                    WebElement row = section.findElement(
                            By.cssSelector("table.figures tbody tr[data-series='" + s.get("label") + "']"));
                    assertEquals(
                            fmt(s.get("last")),
                            row.findElement(By.cssSelector("td.last")).getText(),
                            id);
                    assertEquals(
                            fmt(s.get("total")),
                            row.findElement(By.cssSelector("td.total")).getText(),
                            id);
                }
                assertEquals(
                        series.size(),
                        section.findElements(By.cssSelector("table.figures tbody tr"))
                                .size(),
                        id);
            }
            // The figures per chart are the migration's: the requests table's totals, the errcodes, the orders.
            assertEquals(expected.requests, tableTotals(browser, "requests"));
            assertEquals(expected.errcodes, tableTotals(browser, "errcodes"));
            assertEquals(1L, tableTotals(browser, "orders").get("unknown"));
            assertEquals(1L, tableTotals(browser, "session").get("unknown"));
            assertEquals(0L, tableTotals(browser, "push").get("delivered"));
            // Routing share over time: the configured percent moved 0 -> 100 between the samples.
            List<Object> configured =
                    list(map(list(map(charts.get(0)).get("series")).get(0)).get("values"));
            assertEquals(0.0, norm(configured.get(0)), "at start");
            assertEquals(100.0, norm(configured.get(configured.size() - 1)), "after the change");
            for (int i = 1; i < configured.size(); i++) {
                assertTrue((Double) norm(configured.get(i - 1)) <= (Double) norm(configured.get(i)), "" + configured);
            }

            // Nothing came from anywhere but the gateway, and the page logged no error (a CSP violation would).
            List<Object> fetched = array(
                    (String)
                            js.executeScript(
                                    "return JSON.stringify(performance.getEntriesByType('resource').map(function (e) { return e.name; }))"));
            assertFalse(fetched.isEmpty());
            for (Object u : fetched) {
                URI where = URI.create((String) u);
                assertEquals(
                        admin.getHost() + ":" + admin.getPort(),
                        where.getHost() + ":" + where.getPort(),
                        "fetched from elsewhere: " + where.getPath());
                assertEquals("http", where.getScheme());
            }
            assertTrue(fetched.stream().anyMatch(u -> ((String) u).endsWith("/admin/status/uPlot.iife.min.js")));
            List<String> errors = new ArrayList<>();
            for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    errors.add(e.getMessage());
                }
            }
            assertEquals(List.of(), errors, "browser console errors");
            Path shot = Path.of("target", "status-page.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    /** What the page should count, from the answers the games got. */
    private static final class Expected {
        final Map<String, Long> requests = new TreeMap<>(Map.of("midas_v1", 0L, "pay_v2", 0L, "none", 0L));
        final Map<String, Long> errcodes = new TreeMap<>();

        long answer(String routed, HttpResponse<String> r) throws Exception {
            Object e = StrictJson.readObject(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .get("errcode");
            long errcode = e instanceof Number n ? n.longValue() : Long.MIN_VALUE;
            requests.merge(routed, 1L, Long::sum);
            if (errcode != 0) {
                errcodes.merge(routed + " " + errcode, 1L, Long::sum);
            }
            return errcode;
        }
    }

    private static long counted(GatewayFixture fx) throws Exception {
        Map<String, Object> totals = map(StrictJson.readObject(
                        admin(fx, "GET", "/admin/status.json", null).body())
                .get("totals"));
        return longs(map(totals.get("requests"))).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static Map<String, Long> tableTotals(ChromeDriver browser, String chart) {
        Map<String, Long> m = new TreeMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#chart-" + chart + " table.figures tbody tr"))) {
            m.put(
                    row.getDomAttribute("data-series"),
                    Long.parseLong(row.findElement(By.cssSelector("td.total")).getText()));
        }
        return m;
    }

    /** As status.js prints a number: whole numbers as they are, others with one decimal, none as an en dash. */
    private static String fmt(Object v) {
        if (v == null) {
            return "\u2013";
        }
        BigDecimal d = new BigDecimal(v.toString());
        return d.stripTrailingZeros().scale() <= 0
                ? d.toBigInteger().toString()
                : d.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static List<Object> array(String json) throws Exception {
        return list(StrictJson.readObject("{\"a\":" + json + "}").get("a"));
    }

    /** JSON as compared: every number as a double (Java and JavaScript print some doubles differently). */
    private static Object norm(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(k, norm(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(StatusPageBrowserTest::norm).toList();
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static Map<String, Long> longs(Map<String, Object> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    private static HttpResponse<String> admin(GatewayFixture fx, String method, String path, String body)
            throws Exception {
        HttpResponse<String> r = fx.admin(method, path, body);
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private static HttpResponse<String> v1Pay(
            GatewayFixture fx, Map<String, String> keys, String openid, String billNo, long amt) throws Exception {
        String path = "/cgi-bin/midas/pay";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("openid", openid);
        p.put("appid", "wx0000000000demo");
        p.put("offer_id", "1450000001");
        p.put("ts", System.currentTimeMillis() / 1000);
        p.put("zone_id", "1");
        p.put("pf", "android");
        p.put("amt", amt);
        p.put("bill_no", billNo);
        String sig = MidasV1Format.sig(path, p, Secret.of("demo-midas-v1-production-app-key"));
        Map<String, Object> body = new LinkedHashMap<>(p);
        body.put("sig", sig);
        body.put("mp_sig", MidasV1Format.mpSig(path, p, sig, Secret.of(TOKEN), Secret.of(keys.get(openid))));
        return fx.post(path + "?access_token=" + TOKEN, StrictJson.writeBytes(body), Map.of());
    }

    private static HttpResponse<String> v2Pay(
            GatewayFixture fx, Map<String, String> keys, String openid, String billNo, long amount, boolean signed)
            throws Exception {
        String path = "/wxa/game/pay";
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("offer_id", "1450000002");
        f.put("openid", openid);
        f.put("ts", System.currentTimeMillis() / 1000);
        f.put("zone_id", "1");
        f.put("env", 0);
        f.put("amount", amount);
        f.put("bill_no", billNo);
        byte[] body = StrictJson.writeBytes(f);
        String signature = signed ? "&signature=" + PayV2Format.signature(body, Secret.of(keys.get(openid))) : "";
        return fx.post(
                path + "?access_token=" + TOKEN + signature + "&sig_method=hmac_sha256&pay_sig="
                        + PayV2Format.paySig(path, body, Secret.of("demo-pay-v2-production-app-key")),
                body,
                Map.of());
    }
}
