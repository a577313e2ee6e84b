package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The status page and its figures take the admin token (Bearer, or Basic with the token as password, for a
 * browser); without it: 401 with a Basic challenge, and nothing of the page, the figures or uPlot.
 */
class StatusPageAuthTest {
    @Test
    void everyPartOfThePageNeedsTheAdminToken() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start(0, null, true, 65536)) {
            String admin = fx.gateway.adminUrl().orElseThrow().toString();
            for (String path : new String[] {
                "/admin/status.json",
                "/admin/status/",
                "/admin/status",
                "/admin/status/status.js",
                "/admin/status/uPlot.iife.min.js"
            }) {
                HttpResponse<String> none = get(admin + path, null);
                assertEquals(401, none.statusCode(), path);
                assertTrue(
                        none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "),
                        path + ": a browser is asked for the token");
                assertFalse(none.body().contains("uPlot") || none.body().contains("totals"), path);
                assertEquals(
                        401, get(admin + path, basic("admin", "wrong-token")).statusCode(), path);
                assertEquals(401, get(admin + path, "Bearer wrong-token").statusCode(), path);
                assertEquals(
                        401,
                        get(admin + path, basic(GatewayFixture.ADMIN_TOKEN, "")).statusCode(),
                        path);
            }
            HttpResponse<String> json = get(admin + "/admin/status.json", "Bearer " + GatewayFixture.ADMIN_TOKEN);
            assertEquals(200, json.statusCode(), json.body());
            assertTrue(StrictJson.readObject(json.body()).containsKey("totals"), json.body());
            HttpResponse<String> page = get(admin + "/admin/status/", basic("anyone", GatewayFixture.ADMIN_TOKEN));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script src=\"uPlot.iife.min.js\">"), page.body());
            assertTrue(page.headers()
                    .firstValue("Content-Security-Policy")
                    .orElse("")
                    .contains("default-src 'none'"));
            HttpResponse<String> lib =
                    get(admin + "/admin/status/uPlot.iife.min.js", basic("", GatewayFixture.ADMIN_TOKEN));
            assertEquals(200, lib.statusCode());
            assertTrue(lib.body().contains("uPlot"), "uPlot served from the webjar");
            assertTrue(lib.headers().firstValue("Content-Type").orElse("").contains("javascript"));
            // The rest of the admin API keeps its bearer-only rule.
            assertEquals(
                    401,
                    get(admin + "/admin/routing", basic("admin", GatewayFixture.ADMIN_TOKEN))
                            .statusCode());
            // The API listener does not serve the page.
            assertEquals(
                    404,
                    get(fx.gateway.baseUrl() + "/admin/status.json", "Bearer " + GatewayFixture.ADMIN_TOKEN)
                            .statusCode());
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return GatewayFixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
