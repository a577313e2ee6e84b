package dev.midasbridge.gateway;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.delivery.ClientPaymentRecord;
import dev.midasbridge.engine.delivery.DeliveryRecord;
import dev.midasbridge.engine.delivery.PushDeliveries;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The game's side of the push endpoint, over OkHttp (no redirects, no silent retries): verified payment events are
 * POSTed to the webhook as one JSON object, and pushes the gateway does not handle are forwarded unchanged to the
 * game's own push URL.
 *
 * <p>The webhook gets {@code {"dedup_key", "event", "possible_duplicate", "mock": false, "env", "out_trade_no",
 * "openid", "payload", "client_payment"}} ({@code payload}: the exact {@code MiniGame.Payload} string WeChat signed;
 * {@code client_payment}: the journaled client payment with the event's OutTradeNo, when there is one) and headers
 * {@code X-Bridge-Delivery-Key}, {@code X-Bridge-Possible-Duplicate: true|false}. Any 2xx answer means the game
 * accepted the event; any other answer is a refusal; no answer (timeout, dropped connection) may have been an
 * acceptance.
 */
final class GameWebhook implements AutoCloseable {
    static final String KEY_HEADER = "X-Bridge-Delivery-Key";
    static final String DUPLICATE_HEADER = "X-Bridge-Possible-Duplicate";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_FORWARD_ANSWER = 64 * 1024;

    /** What the game's own push URL answered to a forwarded push. */
    record Forwarded(int status, Optional<String> contentType, byte[] body) {}

    private final HttpUrl webhook;
    private final Optional<Secret> token;
    private final Optional<HttpUrl> forward;
    private final OkHttpClient client;

    GameWebhook(URI webhook, Optional<Secret> token, Optional<URI> forward, Duration timeout) {
        this.webhook = HttpUrl.get(webhook.toString());
        this.token = token;
        this.forward = forward.map(u -> HttpUrl.get(u.toString()));
        this.client = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .connectionPool(new ConnectionPool(8, 1, java.util.concurrent.TimeUnit.MINUTES))
                .build();
    }

    /** Delivers {@code event} (flagged or not) to the webhook and says how it answered. */
    PushDeliveries.Answer deliver(
            DeliveryRecord event, boolean possibleDuplicate, Optional<ClientPaymentRecord> payment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dedup_key", event.dedupKey());
        body.put("event", event.event());
        body.put("possible_duplicate", possibleDuplicate);
        body.put("mock", false);
        body.put("env", event.environment().name().toLowerCase(java.util.Locale.ROOT));
        event.outTradeNo().ifPresent(o -> body.put("out_trade_no", o));
        event.openid().ifPresent(o -> body.put("openid", o));
        body.put("payload", event.payload());
        payment.ifPresent(p -> body.put("client_payment", describe(p)));
        Request.Builder r = new Request.Builder()
                .url(webhook)
                .header(KEY_HEADER, Http.ascii(event.dedupKey()))
                .header(DUPLICATE_HEADER, String.valueOf(possibleDuplicate))
                .post(RequestBody.create(StrictJson.writeBytes(body), JSON));
        token.ifPresent(t -> r.header("Authorization", "Bearer " + t.reveal()));
        try (Response response = client.newCall(r.build()).execute()) {
            return response.isSuccessful() ? PushDeliveries.Answer.ACCEPTED : PushDeliveries.Answer.REFUSED;
        } catch (ConnectException | UnknownHostException notSent) {
            // nothing reached the game
            return PushDeliveries.Answer.REFUSED;
        } catch (IOException e) {
            return PushDeliveries.Answer.UNKNOWN;
        }
    }

    static Map<String, Object> describe(ClientPaymentRecord p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("openid", p.openid());
        m.put("zone_id", p.zoneId());
        m.put("version", p.version().label());
        m.put("quantity", p.quantity());
        p.productId().ifPresent(x -> m.put("product_id", x));
        p.goodsPrice().ifPresent(x -> m.put("goods_price", x));
        m.put("created_at", p.createdAt().toString());
        return m;
    }

    boolean forwards() {
        return forward.isPresent();
    }

    /** Forwards a push unchanged (method, query, body, Content-Type) to the game's own push URL. */
    Forwarded forward(String method, Optional<String> rawQuery, byte[] body, Optional<String> contentType)
            throws IOException {
        HttpUrl base = forward.orElseThrow();
        HttpUrl url = base.newBuilder()
                .encodedQuery(rawQuery.filter(q -> !q.isEmpty()).orElse(base.encodedQuery()))
                .build();
        RequestBody rb = "POST".equals(method)
                ? RequestBody.create(body, contentType.map(MediaType::parse).orElse(null))
                : null;
        Request request = new Request.Builder().url(url).method(method, rb).build();
        try (Response response = client.newCall(request).execute()) {
            ResponseBody b = response.body();
            okio.Buffer buf = new okio.Buffer();
            if (b != null) {
                okio.BufferedSource src = b.source();
                while (buf.size() < MAX_FORWARD_ANSWER && src.read(buf, MAX_FORWARD_ANSWER - buf.size()) != -1) {
                    // read on, at most the cap
                }
            }
            byte[] bytes = buf.readByteArray();
            return new Forwarded(response.code(), Optional.ofNullable(response.header("Content-Type")), bytes);
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
