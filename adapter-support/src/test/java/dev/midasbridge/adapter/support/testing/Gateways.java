package dev.midasbridge.adapter.support.testing;

import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;

/** Small helpers both adapters' tests use. */
public final class Gateways {
    private Gateways() {}

    /** Calls the gateway method for {@code op}. */
    public static Object invoke(CurrencyGateway gateway, Operation op, CallContext context) {
        if (op instanceof BalanceQuery q) {
            return gateway.balance(q, context);
        }
        if (op instanceof Deduction d) {
            return gateway.deduct(d, context);
        }
        if (op instanceof Refund r) {
            return gateway.refund(r, context);
        }
        if (op instanceof Grant g) {
            return gateway.grant(g, context);
        }
        return gateway.queryOrder((OrderQuery) op, context);
    }

    /** An HTTP 200 answer with a JSON body. */
    public static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    /** A send listener counting its calls. */
    public static final class CountingListener implements CallContext.SendListener {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public void beforeSend() {
            calls.incrementAndGet();
        }

        public int calls() {
            return calls.get();
        }
    }
}
