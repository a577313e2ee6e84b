package dev.midasbridge.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.payv2.PayV2Format;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pre-signed pays the benchmarks time are real pays: the stand-in server accepts and applies each one. */
class PresignedPaysTest {
    private final SimulatorConfig config = BenchWorld.config(2);
    private final OkHttpClient client = new OkHttpClient();
    private StandInServer server;
    private PresignedPays pays;

    @BeforeEach
    void start() {
        server = StandInServer.start(config, StandInServer.Options.defaults());
        pays = PresignedPays.forServer(server.baseUrl(), config);
    }

    @AfterEach
    void stop() {
        client.connectionPool().evictAll();
        server.close();
    }

    @Test
    void everyPreSignedPayIsAcceptedAndDeductsOneCoin() throws IOException {
        Request[] batch = pays.pays(BenchWorld.player(1), BenchWorld.sessionKey(1), "T-", 5);

        for (Request r : batch) {
            assertTrue(
                    PresignedPays.sendOk(client, r), "errcode 0 for " + r.url().encodedPath());
        }

        assertEquals(BenchWorld.BALANCE - 5, balanceOf(1));
        assertEquals(BenchWorld.BALANCE, balanceOf(0), "the other player is untouched");
    }

    @Test
    void aPaySignedWithTheWrongSessionKeyIsNotCountedAsOk() throws IOException {
        Request wrong = pays.pay(BenchWorld.player(0), Secret.of("bm90LXRoZS1zZXNzaW9uLWtleQ=="), "T-wrong");

        assertFalse(PresignedPays.sendOk(client, wrong));
        assertEquals(BenchWorld.BALANCE, balanceOf(0));
    }

    @Test
    void onlyLoopbackIsATarget() {
        assertThrows(IllegalArgumentException.class, () -> PresignedPays.forServer("http://192.0.2.7:8080", config));
    }

    private long balanceOf(int player) throws IOException {
        try (Response r = client.newCall(pays.balance(BenchWorld.player(player), BenchWorld.sessionKey(player)))
                .execute()) {
            return PayV2Format.readBalance(r.body().string()).balance();
        }
    }
}
