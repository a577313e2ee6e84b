package dev.midasbridge.payv2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.gateway.Deadline;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.payv2.internal.wire.PayV2Wire;
import dev.midasbridge.payv2.internal.wire.WireArbitraries;
import dev.midasbridge.payv2.internal.wire.WireJsonAccess;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

class PayV2GatewayProperties {
    private static MockWebServer server;
    private static OkHttpClient shared;

    /** A call's random inputs: a valid body (what must arrive), the keys, and the access token. */
    record Call(WireArbitraries.Body body, String prodKey, String sandboxKey, String sessionKey, String token) {}

    @BeforeContainer
    static void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setBody(successFor(request));
            }
        });
        server.start();
        shared = new OkHttpClient();
    }

    @AfterContainer
    static void stop() throws IOException {
        server.shutdown();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }

    /** The server echoes the order number it was sent, so the receipt proves the round trip. */
    private static String successFor(RecordedRequest request) {
        try {
            Map<String, Object> f =
                    WireJsonAccess.readFlat(request.getBody().clone().readByteArray());
            String path = request.getRequestUrl().encodedPath();
            return switch (path) {
                case "/wxa/game/getbalance" ->
                    "{\"errcode\":0,\"errmsg\":\"ok\",\"balance\":7,\"present_balance\":1,"
                            + "\"first_save_flag\":false,\"sum_save\":6,\"sum_balance\":7,\"sum_cost\":0,\"sum_present\":1}";
                case "/wxa/game/pay" ->
                    "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"" + f.get("bill_no")
                            + "\",\"balance\":3,\"used_present_amount\":0}";
                case "/wxa/game/cancelpay" ->
                    "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"" + f.get("bill_no") + "\"}";
                case "/wxa/game/present" ->
                    "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"" + f.get("bill_no") + "\",\"balance\":9}";
                default ->
                    "{\"errcode\":0,\"errmsg\":\"ok\",\"pay_state\":1,\"deliver_state\":1," + "\"out_trade_no\":\""
                            + f.get("out_trade_no") + "\"}";
            };
        } catch (IOException e) {
            return "not json";
        }
    }

    @Provide
    Arbitrary<Call> validCalls() {
        Arbitrary<String> keys =
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(8).ofMaxLength(40);
        return Combinators.combine(
                        WireArbitraries.bodies(Arbitraries.of(Fixture.OFFER)),
                        keys,
                        keys,
                        keys,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars("-_")
                                .ofMinLength(10)
                                .ofMaxLength(60))
                .as(Call::new);
    }

    @Property(tries = 150)
    void everyValidCallArrivesCorrectlySigned(@ForAll("validCalls") Call call) throws Exception {
        Map<String, Object> fields = call.body().fields();
        Envelope<?> envelope = PayV2Wire.fromRequestBody(call.body().endpoint(), fields);
        long ts = (Long) fields.get("ts");
        PayV2Config config = PayV2Config.builder(
                        ApiCredentials.payV2(Fixture.OFFER, Secret.of(call.prodKey()), Secret.of(call.sandboxKey())))
                .baseUrl(server.url("/").toString())
                .clock(Clock.fixed(Instant.ofEpochSecond(ts), ZoneOffset.UTC))
                .build();
        CurrencyGateway gateway = PayV2.create(config, AccessTokenProvider.fixed(call.token()), shared);
        PlayerSession session = PlayerSession.of((String) fields.get("openid"), call.sessionKey());
        CallContext context = new CallContext(envelope.environment(), session, Deadline.in(Duration.ofSeconds(5)));

        Object result = Fixture.invoke(gateway, envelope.operation(), context);

        RecordedRequest req = server.takeRequest(2, TimeUnit.SECONDS);
        String appKey = envelope.environment().payV2Env() == 1 ? call.sandboxKey() : call.prodKey();
        byte[] received =
                Fixture.assertSignedRequest(req, call.body().endpoint(), appKey, call.sessionKey(), call.token());
        assertArrayEquals(PayV2Wire.serialize(fields), received, "the body sent is the body the fields make");
        assertEquals(fields, WireJsonAccess.readFlat(received));
        Object orderNo = fields.get("bill_no");
        if (result instanceof DeductionReceipt r) {
            assertEquals(OrderNo.of((String) orderNo), r.orderNo());
        } else if (result instanceof RefundReceipt r) {
            assertEquals(OrderNo.of((String) orderNo), r.orderNo());
        } else if (result instanceof GrantReceipt r) {
            assertEquals(OrderNo.of((String) orderNo), r.orderNo());
        } else if (result instanceof OrderInfo r) {
            assertEquals(fields.get("out_trade_no"), r.outTradeNo());
        } else {
            assertEquals(new Balance(7, 1, false, 6, 7, 0, 1), result);
        }
    }
}
