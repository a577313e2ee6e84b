package dev.midasbridge.gateway;

import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.credentials.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A stand-in server and a gateway in front of it (embedded journal in a temporary folder), for tests. */
final class GatewayFixture implements AutoCloseable {
    static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final StandIn standIn;
    final Gateway gateway;
    final Path dir;

    private GatewayFixture(StandIn standIn, Gateway gateway, Path dir) {
        this.standIn = standIn;
        this.gateway = gateway;
        this.dir = dir;
    }

    /**
     * @param extraPlayers players beyond the demo's two
     * @param upstream where unanswered paths are forwarded; null: the stand-in
     * @param importKeys whether every player's session key is imported into the gateway first
     */
    static GatewayFixture start(int extraPlayers, String upstream, boolean importKeys, int maxBodyBytes)
            throws IOException {
        return start(extraPlayers, upstream, importKeys, maxBodyBytes, b -> b);
    }

    static GatewayFixture start(
            int extraPlayers,
            String upstream,
            boolean importKeys,
            int maxBodyBytes,
            java.util.function.UnaryOperator<GatewaySettings.Builder> more)
            throws IOException {
        StandIn s = StandIn.start(StandIn.demoWith(extraPlayers));
        Path dir = Files.createTempDirectory("gateway-test");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        GatewaySettings settings = more.apply(GatewaySettings.builder(upstream == null ? s.baseUrl() : upstream)
                        .listen("127.0.0.1", 0)
                        .admin("127.0.0.1", 0, Secret.of(ADMIN_TOKEN))
                        .maxBodyBytes(maxBodyBytes)
                        .sessionEncryptionKey(Secret.of(Base64.getEncoder().encodeToString(key)), "TEST_KEY")
                        .reconcileInterval(Duration.ofSeconds(5)))
                .build();
        Gateway g = Gateway.start(s.bridgeSettings(0, new JournalSettings.Embedded(dir.resolve("journal"))), settings);
        if (importKeys) {
            for (Map.Entry<String, String> e : s.sessionKeys().entrySet()) {
                g.importSessionKey(e.getKey(), e.getValue());
            }
        }
        return new GatewayFixture(s, g, dir);
    }

    String url(String pathAndQuery) {
        return gateway.baseUrl() + pathAndQuery;
    }

    HttpResponse<String> post(String pathAndQuery, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(gateway.adminUrl().orElseThrow() + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        gateway.close();
        standIn.close();
    }
}
