package dev.midasbridge.midas.v1;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.midasbridge.adapter.support.Exchange;
import dev.midasbridge.adapter.support.JsonAnswers;
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
import dev.midasbridge.midas.v1.internal.error.MidasV1Errcodes;
import dev.midasbridge.midas.v1.internal.sign.MidasV1Signer;
import dev.midasbridge.midas.v1.internal.wire.CancelPayRequest;
import dev.midasbridge.midas.v1.internal.wire.CancelPayResponse;
import dev.midasbridge.midas.v1.internal.wire.GetBalanceRequest;
import dev.midasbridge.midas.v1.internal.wire.GetBalanceResponse;
import dev.midasbridge.midas.v1.internal.wire.MidasV1Request;
import dev.midasbridge.midas.v1.internal.wire.MidasV1Response;
import dev.midasbridge.midas.v1.internal.wire.MidasV1Wire;
import dev.midasbridge.midas.v1.internal.wire.PayRequest;
import dev.midasbridge.midas.v1.internal.wire.PayResponse;
import dev.midasbridge.midas.v1.internal.wire.PresentRequest;
import dev.midasbridge.midas.v1.internal.wire.PresentResponse;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import okhttp3.ResponseBody;
import retrofit2.Call;

/**
 * The midas 1.0 {@link CurrencyGateway}: maps each operation to its wire request, signs it ({@code sig} with the
 * environment's AppKey over the exact path, {@code mp_sig} with the player's session_key and the access token), and
 * leaves the call itself (token, {@code beforeSend}, refresh-and-repeat, failures, errcodes) to the shared
 * {@link Exchange}.
 */
final class MidasV1Gateway implements CurrencyGateway {
    private static final ApiVersion V1 = ApiVersion.MIDAS_V1;

    private final MidasV1Service service;
    private final Moshi moshi;
    private final ApiCredentials credentials;
    private final MidasV1Wire wire;
    private final MidasV1Signer signer = MidasV1Signer.create();
    private final Clock clock;
    private final Exchange exchange;

    MidasV1Gateway(MidasV1Service service, Moshi moshi, MidasV1Config config, AccessTokenProvider tokens) {
        this.service = service;
        this.moshi = moshi;
        this.credentials = config.credentials();
        this.wire = MidasV1Wire.create(credentials.appId().orElseThrow(), credentials.offerId(), config.pf());
        this.clock = config.clock();
        this.exchange = new Exchange(
                MidasV1Errcodes.TABLE,
                tokens,
                config.callTimeout(),
                List.of(credentials.appKey(Environment.PRODUCTION), credentials.appKey(Environment.SANDBOX)));
    }

    @Override
    public ApiVersion version() {
        return V1;
    }

    @Override
    public Balance balance(BalanceQuery query, CallContext context) {
        return MidasV1Wire.toBalance(exchange(query, context, GetBalanceResponse.class));
    }

    @Override
    public DeductionReceipt deduct(Deduction deduction, CallContext context) {
        return MidasV1Wire.toDeductionReceipt(exchange(deduction, context, PayResponse.class));
    }

    @Override
    public RefundReceipt refund(Refund refund, CallContext context) {
        return MidasV1Wire.toRefundReceipt(exchange(refund, context, CancelPayResponse.class));
    }

    @Override
    public GrantReceipt grant(Grant grant, CallContext context) {
        return MidasV1Wire.toGrantReceipt(exchange(grant, context, PresentResponse.class));
    }

    /** midas 1.0 has no order query: always a {@code NOT_SUPPORTED} rejection. */
    @Override
    public OrderInfo queryOrder(OrderQuery query, CallContext context) {
        throw MidasV1Wire.notSupported();
    }

    /** Maps and signs {@code op} ({@code sig} once, {@code mp_sig} per access token) and makes the call. */
    private <R extends MidasV1Response> R exchange(Operation op, CallContext context, Class<R> answerType) {
        Objects.requireNonNull(op, "operation");
        Objects.requireNonNull(context, "context");
        if (!op.player().openid().equals(context.session().openid())) {
            throw InvalidInputException.of(
                    "openid",
                    V1,
                    "openid \"" + op.player().openid()
                            + "\": midas_v1 signs mp_sig with the player's own session_key, but the call context holds the"
                            + " session of \"" + context.session().openid() + "\"");
        }
        Environment env = context.environment();
        MidasV1Request request =
                wire.toRequest(new Envelope<>(op, env, clock.instant().getEpochSecond()));
        String endpoint = request.endpoint();
        String path = MidasV1Wire.path(endpoint, env);
        String sig = signer.sig(path, request, credentials.appKey(env));
        JsonAdapter<R> adapter = moshi.adapter(answerType);
        return exchange.call(endpoint, context, new Exchange.Request<R>() {
            @Override
            public Call<ResponseBody> call(Secret accessToken) {
                String mpSig = signer.mpSig(
                        path, request, sig, accessToken, context.session().sessionKey());
                return callFor(request.withSignatures(sig, mpSig), env, accessToken.reveal());
            }

            @Override
            public R read(String body) {
                return JsonAnswers.read(V1, endpoint, adapter, body);
            }

            @Override
            public Long errcode(R answer) {
                return answer.errcode();
            }

            @Override
            public String errmsg(R answer) {
                return answer.errmsg();
            }
        });
    }

    private Call<ResponseBody> callFor(MidasV1Request signed, Environment env, String token) {
        boolean sandbox = env == Environment.SANDBOX;
        if (signed instanceof GetBalanceRequest r) {
            return sandbox ? service.sandboxGetBalance(token, r) : service.getBalance(token, r);
        }
        if (signed instanceof PayRequest r) {
            return sandbox ? service.sandboxPay(token, r) : service.pay(token, r);
        }
        if (signed instanceof CancelPayRequest r) {
            return sandbox ? service.sandboxCancelPay(token, r) : service.cancelPay(token, r);
        }
        PresentRequest r = (PresentRequest) signed;
        return sandbox ? service.sandboxPresent(token, r) : service.present(token, r);
    }

    @Override
    public String toString() {
        return "MidasV1Gateway[" + credentials + "]";
    }
}
