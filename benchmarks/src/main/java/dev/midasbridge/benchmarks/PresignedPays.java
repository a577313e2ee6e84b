package dev.midasbridge.benchmarks;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.payv2.PayV2Format;
import dev.midasbridge.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Builds ready-to-send pay_v2 {@code pay} (and {@code getbalance}) requests of 1 coin each (body bytes serialized once, {@code pay_sig}
 * and {@code signature}, all by {@link PayV2Format}, the full URL with access token) so that a timed loop
 * only POSTs them; and checks an answer is errcode 0 without parsing it.
 */
final class PresignedPays {
    static final MediaType JSON = MediaType.get("application/json");
    /** How the stand-in server begins every successful answer (errcode is the first field it writes). */
    private static final byte[] OK_PREFIX = "{\"errcode\":0,".getBytes(StandardCharsets.UTF_8);

    private final String baseUrl;
    private final String accessToken;
    private final PayV2Format format;
    private final Secret appKey;

    private PresignedPays(String baseUrl, SimulatorConfig server) {
        this.baseUrl = baseUrl;
        this.accessToken = server.accessToken().reveal();
        this.format = PayV2Format.forOffer(server.payV2().offerId());
        this.appKey = Secret.of(server.payV2().appKey().reveal());
    }

    /** Requests to the server at {@code baseUrl} (loopback) configured with {@code server}, production world. */
    static PresignedPays forServer(String baseUrl, SimulatorConfig server) {
        HttpUrl url = HttpUrl.get(baseUrl);
        if (!url.host().equals("127.0.0.1") && !url.host().equals("localhost")) {
            throw new IllegalArgumentException("benchmarks only send to loopback, not " + url.host());
        }
        return new PresignedPays(baseUrl, server);
    }

    /** One signed pay of 1 coin for {@code player} (whose session key is {@code sessionKey}) with {@code billNo}. */
    Request pay(Player player, Secret sessionKey, String billNo) {
        Deduction d = Deduction.of(player, 1, OrderNo.forVersion(billNo, ApiVersion.PAY_V2));
        return signed(d, sessionKey);
    }

    /** One signed getbalance for {@code player}. */
    Request balance(Player player, Secret sessionKey) {
        return signed(BalanceQuery.of(player), sessionKey);
    }

    private Request signed(Operation op, Secret sessionKey) {
        String path = PayV2Format.path(op.endpoint());
        Envelope<Operation> envelope =
                new Envelope<>(op, Environment.PRODUCTION, Instant.now().getEpochSecond());
        byte[] body = format.body(envelope);
        HttpUrl url = HttpUrl.get(baseUrl + path)
                .newBuilder()
                .addQueryParameter("access_token", accessToken)
                .addQueryParameter("signature", PayV2Format.signature(body, sessionKey))
                .addQueryParameter("sig_method", PayV2Format.SIG_METHOD)
                .addQueryParameter("pay_sig", PayV2Format.paySig(path, body, appKey))
                .build();
        return new Request.Builder()
                .url(url)
                .post(RequestBody.create(body, JSON))
                .build();
    }

    /** {@code count} distinct pays for one player, order numbers {@code prefix + i}. */
    Request[] pays(Player player, Secret sessionKey, String prefix, int count) {
        Request[] out = new Request[count];
        for (int i = 0; i < count; i++) {
            out[i] = pay(player, sessionKey, prefix + i);
        }
        return out;
    }

    /**
     * Sends {@code request} on {@code client} and reads the whole answer; true only for HTTP 200 with errcode 0.
     * Never throws for a bad answer: the caller counts it.
     */
    static boolean sendOk(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute();
                ResponseBody body = response.body()) {
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            return response.code() == 200 && startsWith(bytes, OK_PREFIX);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
