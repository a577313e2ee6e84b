package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.midasbridge.core.credentials.Secret;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** TLS on the API listener from a PKCS#12 keystore (made here with the JDK's keytool). */
class TlsTest {
    @Test
    void servesHttpsFromAPkcs12Keystore() throws Exception {
        Path dir = Files.createTempDirectory("tls");
        Path p12 = dir.resolve("gateway.p12");
        Process k = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "gateway",
                        "-keyalg",
                        "EC",
                        "-keystore",
                        p12.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        "changeit",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2")
                .redirectErrorStream(true)
                .start();
        k.getInputStream().readAllBytes();
        assertEquals(true, k.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, k.exitValue());

        try (GatewayFixture fx = GatewayFixture.start(0, null, false, 65536, b -> b.tls(p12, Secret.of("changeit")))) {
            URI base = fx.gateway.baseUrl();
            assertEquals("https", base.getScheme());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                trust.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ctx).build();
            HttpResponse<String> r = https.send(
                    HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertThrows(
                    java.io.IOException.class,
                    () -> HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(base.resolve("/healthz"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString()),
                    "an untrusted certificate is refused by a default client");
        }
    }
}
