package dev.midasbridge.midas.v1;

import static dev.midasbridge.midas.v1.MidasV1Fixture.APP_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.OPENID;
import static dev.midasbridge.midas.v1.MidasV1Fixture.SANDBOX_APP_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.SESSION_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.midasbridge.adapter.support.testing.RotatingTokens;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.gateway.Deadline;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.midas.v1.MidasV1Fixture.Received;
import dev.midasbridge.midas.v1.internal.wire.MidasV1Wire;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Random valid operations go through the adapter; the server checks every request it receives by hand. */
class MidasV1GatewayProperties {
    private MockWebServer server;
    private CurrencyGateway gateway;

    @BeforeProperty
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse()
                        .setBody(
                                switch (request.getRequestUrl()
                                        .pathSegments()
                                        .get(request.getRequestUrl().pathSize() - 1)) {
                                    case "getbalance" ->
                                        "{\"errcode\":0,\"errmsg\":\"ok\",\"balance\":1,\"gen_balance\":0,"
                                                + "\"first_save\":0,\"save_amt\":0,\"save_sum\":0,\"cost_sum\":0,\"present_sum\":0}";
                                    case "pay" ->
                                        "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"B\",\"balance\":1,\"used_gen_amt\":0}";
                                    case "cancelpay" -> "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"B\"}";
                                    default -> "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"B\",\"balance\":1}";
                                });
            }
        });
        server.start();
        gateway = MidasV1.create(MidasV1Fixture.config(server), new RotatingTokens(TOKEN));
    }

    @AfterProperty
    void stop() throws IOException {
        server.shutdown();
    }

    record Call(Operation operation, Environment environment) {}

    @Property(tries = 150)
    void everyRequestArrivesCorrectlySignedAndMeansTheOperation(@ForAll("calls") Call call) throws Exception {
        CallContext context =
                new CallContext(call.environment(), MidasV1Fixture.session(), Deadline.in(Duration.ofSeconds(5)));
        Operation op = call.operation();
        if (op instanceof BalanceQuery q) {
            gateway.balance(q, context);
        } else if (op instanceof Deduction d) {
            gateway.deduct(d, context);
        } else if (op instanceof Refund r) {
            gateway.refund(r, context);
        } else {
            gateway.grant((Grant) op, context);
        }
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        Received received = Received.of(request);
        assertEquals(MidasV1Wire.path(op.endpoint(), call.environment()), received.path());
        assertEquals(TOKEN, received.accessToken());
        String appKey = call.environment() == Environment.SANDBOX ? SANDBOX_APP_KEY : APP_KEY;
        assertEquals(received.expectedSig(appKey), received.raw().get("sig"));
        assertEquals(received.expectedMpSig(SESSION_KEY), received.raw().get("mp_sig"));

        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> body = new com.squareup.moshi.Moshi.Builder()
                .build()
                .adapter(java.util.Map.class)
                .fromJson(request.getBody().readUtf8());
        assertEquals(
                op,
                MidasV1Wire.fromRequestBody(op.endpoint(), body, call.environment() == Environment.SANDBOX)
                        .operation());
    }

    static Arbitrary<String> billNos() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .withChars('_', '-')
                .ofMinLength(1)
                .ofMaxLength(63);
    }

    static Arbitrary<Optional<String>> texts() {
        return Arbitraries.strings()
                .withCharRange('一', '龥')
                .withCharRange('a', 'z')
                .withChars("é &=?/\"\\+%")
                .ofMinLength(1)
                .ofMaxLength(20)
                .optional();
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<Player> players = Arbitraries.oneOf(
                        Arbitraries.just("1"),
                        Arbitraries.strings()
                                .numeric()
                                .ofMinLength(1)
                                .ofMaxLength(4)
                                .map(z -> z + "_9"))
                .map(zone -> Player.of(OPENID, zone));
        Arbitrary<Optional<String>> ips = Arbitraries.integers()
                .between(1, 254)
                .map(i -> "198.51.100." + i)
                .optional();
        Arbitrary<Long> amounts = Arbitraries.longs().between(1, 1L << 53);
        Arbitrary<Operation> balance =
                Combinators.combine(players, ips).as((p, ip) -> new BalanceQuery(p, ip, Optional.empty()));
        Arbitrary<Operation> pay = Combinators.combine(players, amounts, billNos(), texts(), texts(), ips)
                .as((p, amt, bill, item, remark, ip) -> new Deduction(p, amt, OrderNo.of(bill), item, remark, ip));
        Arbitrary<Operation> refund = Combinators.combine(players, billNos(), texts(), ips)
                .as((p, bill, item, ip) ->
                        new Refund(p, OrderNo.of(bill), Optional.empty(), OptionalLong.empty(), item, ip));
        Arbitrary<Operation> grant = Combinators.combine(players, amounts, billNos(), ips)
                .as((p, n, bill, ip) -> new Grant(p, n, OrderNo.of(bill), ip));
        return Combinators.combine(Arbitraries.oneOf(balance, pay, refund, grant), Arbitraries.of(Environment.class))
                .as(Call::new);
    }
}
