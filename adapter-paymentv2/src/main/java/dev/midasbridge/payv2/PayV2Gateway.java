package dev.midasbridge.payv2;

import dev.midasbridge.adapter.support.Exchange;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.payv2.internal.error.PayV2Errcodes;
import dev.midasbridge.payv2.internal.sign.PayV2Signer;
import dev.midasbridge.payv2.internal.wire.BalanceResponse;
import dev.midasbridge.payv2.internal.wire.CancelPayResponse;
import dev.midasbridge.payv2.internal.wire.PayResponse;
import dev.midasbridge.payv2.internal.wire.PayV2Response;
import dev.midasbridge.payv2.internal.wire.PayV2Wire;
import dev.midasbridge.payv2.internal.wire.PresentResponse;
import dev.midasbridge.payv2.internal.wire.QueryOrderInfoResponse;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;

/**
 * The pay_v2 gateway over HTTP: maps, serializes once, signs those bytes, and leaves the call itself (token,
 * {@code beforeSend}, refresh-and-repeat, failures, errcodes, secrets masked) to the shared {@link Exchange}.
 */
final class PayV2Gateway implements CurrencyGateway {
    private static final ApiVersion V2 = ApiVersion.PAY_V2;
    private static final MediaType JSON = MediaType.get("application/json");
    static final String SIG_METHOD = "hmac_sha256";

    private final PayV2Service service;
    private final ApiCredentials credentials;
    private final PayV2Wire wire;
    private final PayV2Signer signer = PayV2Signer.create();
    private final Clock clock;
    private final Exchange exchange;

    PayV2Gateway(PayV2Service service, PayV2Config config, AccessTokenProvider tokens) {
        this.service = service;
        this.credentials = config.credentials();
        this.wire = PayV2Wire.forOffer(credentials.offerId());
        this.clock = config.clock();
        this.exchange = new Exchange(
                PayV2Errcodes.TABLE,
                Objects.requireNonNull(tokens, "access token provider"),
                config.callTimeout(),
                List.of(credentials.appKey(Environment.PRODUCTION), credentials.appKey(Environment.SANDBOX)));
    }

    @Override
    public ApiVersion version() {
        return V2;
    }

    @Override
    public Balance balance(BalanceQuery query, CallContext context) {
        return PayV2Wire.toBalance(exchange(query, context, BalanceResponse.class));
    }

    @Override
    public DeductionReceipt deduct(Deduction deduction, CallContext context) {
        return PayV2Wire.toDeductionReceipt(exchange(deduction, context, PayResponse.class));
    }

    @Override
    public RefundReceipt refund(Refund refund, CallContext context) {
        return PayV2Wire.toRefundReceipt(exchange(refund, context, CancelPayResponse.class));
    }

    @Override
    public GrantReceipt grant(Grant grant, CallContext context) {
        return PayV2Wire.toGrantReceipt(exchange(grant, context, PresentResponse.class));
    }

    @Override
    public OrderInfo queryOrder(OrderQuery query, CallContext context) {
        return PayV2Wire.toOrderInfo(exchange(query, context, QueryOrderInfoResponse.class));
    }

    private <T extends PayV2Response> T exchange(Operation op, CallContext context, Class<T> type) {
        Objects.requireNonNull(op, "operation");
        Objects.requireNonNull(context, "context");
        String ep = op.endpoint();
        if (!op.player().openid().equals(context.session().openid())) {
            throw InvalidInputException.of(
                    "openid",
                    V2,
                    "openid \"" + op.player().openid()
                            + "\": the call's player session is for another openid (\""
                            + context.session().openid()
                            + "\"); pay_v2 signs with the player's own session_key");
        }
        Envelope<Operation> envelope =
                new Envelope<>(op, context.environment(), clock.instant().getEpochSecond());
        byte[] body = PayV2Wire.serialize(wire.toRequestFields(envelope));
        String paySig = signer.paySig(PayV2Wire.path(ep), body, credentials.appKey(context.environment()));
        String signature = signer.signature(body, context.session().sessionKey());
        return exchange.call(ep, context, new Exchange.Request<T>() {
            @Override
            public Call<ResponseBody> call(Secret accessToken) {
                return callFor(ep, accessToken.reveal(), signature, paySig, RequestBody.create(body, JSON));
            }

            @Override
            public T read(String text) {
                return PayV2Wire.parseResponse(type, text);
            }

            @Override
            public Long errcode(T answer) {
                return answer.errcode() == null ? null : answer.errcode().longValue();
            }

            @Override
            public String errmsg(T answer) {
                return answer.errmsg();
            }
        });
    }

    private Call<ResponseBody> callFor(String ep, String token, String signature, String paySig, RequestBody body) {
        return switch (ep) {
            case "getbalance" -> service.getbalance(token, signature, SIG_METHOD, paySig, body);
            case "pay" -> service.pay(token, signature, SIG_METHOD, paySig, body);
            case "cancelpay" -> service.cancelpay(token, signature, SIG_METHOD, paySig, body);
            case "present" -> service.present(token, signature, SIG_METHOD, paySig, body);
            case "queryorderinfo" -> service.queryorderinfo(token, signature, SIG_METHOD, paySig, body);
            default -> throw new IllegalArgumentException("not a pay_v2 endpoint: " + ep);
        };
    }

    @Override
    public String toString() {
        return "PayV2Gateway[offer_id=" + credentials.offerId() + "]";
    }
}
