package dev.midasbridge.midas.v1;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.AccessToken;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.TransportFailures;
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
import dev.midasbridge.midas.v1.error.MidasV1Errcodes;
import dev.midasbridge.midas.v1.sign.MidasV1Signer;
import dev.midasbridge.midas.v1.wire.CancelPayRequest;
import dev.midasbridge.midas.v1.wire.CancelPayResponse;
import dev.midasbridge.midas.v1.wire.GetBalanceRequest;
import dev.midasbridge.midas.v1.wire.GetBalanceResponse;
import dev.midasbridge.midas.v1.wire.MidasV1Request;
import dev.midasbridge.midas.v1.wire.MidasV1Response;
import dev.midasbridge.midas.v1.wire.MidasV1Wire;
import dev.midasbridge.midas.v1.wire.PayRequest;
import dev.midasbridge.midas.v1.wire.PayResponse;
import dev.midasbridge.midas.v1.wire.PresentRequest;
import dev.midasbridge.midas.v1.wire.PresentResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * The midas 1.0 {@link CurrencyGateway}: maps each operation to its wire request, signs it ({@code sig} with the
 * environment's AppKey over the exact path, {@code mp_sig} with the player's session_key), posts it with the access
 * token in the query, and turns every answer or failure into a result or a typed {@link PaymentException}.
 */
final class MidasV1Gateway implements CurrencyGateway {
    private static final Logger LOG = LoggerFactory.getLogger(MidasV1Gateway.class);
    private static final ApiVersion V1 = ApiVersion.MIDAS_V1;

    private final MidasV1Service service;
    private final AccessTokenProvider tokens;
    private final ApiCredentials credentials;
    private final MidasV1Wire wire;
    private final MidasV1Signer signer = MidasV1Signer.create();
    private final MidasV1Errcodes errcodes;
    private final java.time.Clock clock;
    private final Duration callTimeout;
    private final Moshi moshi;

    MidasV1Gateway(MidasV1Service service, Moshi moshi, MidasV1Config config, AccessTokenProvider tokens) {
        this.service = service;
        this.moshi = moshi;
        this.tokens = tokens;
        this.credentials = config.credentials();
        this.wire = MidasV1Wire.create(credentials.appId().orElseThrow(), credentials.offerId(), config.pf());
        this.errcodes = MidasV1Errcodes.create(config.configurationFaults());
        this.clock = config.clock();
        this.callTimeout = config.callTimeout();
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

    /** Sends {@code op}, repeating once with a fresh token when the token was refused; returns a success answer. */
    private <R extends MidasV1Response> R exchange(Operation op, CallContext context, Class<R> answerType) {
        java.util.Objects.requireNonNull(op, "operation");
        java.util.Objects.requireNonNull(context, "context");
        if (!op.player().openid().equals(context.session().openid())) {
            throw InvalidInputException.of("openid", V1, "openid \"" + op.player().openid()
                    + "\": midas_v1 signs mp_sig with the player's own session_key, but the call context holds the"
                    + " session of \"" + context.session().openid() + "\"");
        }
        Environment env = context.environment();
        Envelope<Operation> envelope = new Envelope<>(op, env, clock.instant().getEpochSecond());
        MidasV1Request request = wire.toRequest(envelope);
        String endpoint = request.endpoint();
        String path = MidasV1Wire.path(endpoint, env);
        Map<String, Object> params = request.params();
        String sig = signer.sig(path, params, credentials.appKey(env));

        AccessToken token = tokens.current();
        R answer = send(request, params, sig, path, token, context, answerType);
        long errcode = answer.errcode();
        if (isInvalidToken(errcode)) {
            LOG.debug("midas_v1 {} {}: access token refused (errcode {}), fetching a new one and repeating once",
                    endpoint, env, errcode);
            tokens.invalidate(token);
            AccessToken fresh = tokens.current();
            answer = send(request, params, sig, path, fresh, context, answerType);
            errcode = answer.errcode();
        }
        if (errcode != 0) {
            throw errcodeException(errcode, answer.errmsg());
        }
        return answer;
    }

    private static boolean isInvalidToken(long errcode) {
        return errcode == (int) errcode && AccessTokenProvider.INVALID_TOKEN_ERRCODES.contains((int) errcode);
    }

    private PaymentException errcodeException(long errcode, String errmsg) {
        if (errcode != (int) errcode) {
            return PaymentException.of(ErrorKind.UNKNOWN_ERRCODE, V1, null, errmsg,
                    "errcode " + errcode + " is outside every documented range", null);
        }
        return PaymentException.fromErrcode(errcodes, (int) errcode, errmsg);
    }

    /** One signed HTTP exchange; the answer has a non-null errcode. */
    private <R extends MidasV1Response> R send(MidasV1Request request, Map<String, Object> params, String sig,
            String path, AccessToken token, CallContext context, Class<R> answerType) {
        String endpoint = request.endpoint();
        Secret accessToken = token.value();
        String mpSig = signer.mpSig(path, params, sig, accessToken, context.session().sessionKey());
        MidasV1Request signed = request.withSignatures(sig, mpSig);
        Duration budget = context.deadline().remaining();
        if (budget.compareTo(callTimeout) > 0) {
            budget = callTimeout;
        }
        if (budget.isZero() || budget.isNegative()) {
            throw PaymentException.of(ErrorKind.TIMEOUT, V1, null, null,
                    "the deadline passed before " + endpoint + " was sent", null);
        }
        Call<ResponseBody> call = callFor(signed, context.environment(), accessToken.reveal());
        call.timeout().timeout(budget.toNanos(), TimeUnit.NANOSECONDS);
        LOG.debug("midas_v1 {} {} bill_no={} sending", endpoint, context.environment(), params.get("bill_no"));
        String text;
        int status;
        try {
            Response<ResponseBody> response = call.execute();
            status = response.code();
            if (status != 200) {
                closeQuietly(response.errorBody());
                closeQuietly(response.body());
                LOG.debug("midas_v1 {}: HTTP {}", endpoint, status);
                throw PaymentException.of(ErrorKind.HTTP_STATUS, V1, null, null,
                        endpoint + " answered HTTP " + status, null);
            }
            try (ResponseBody body = response.body()) {
                text = body == null ? "" : body.string();
            }
        } catch (IOException e) {
            LOG.debug("midas_v1 {}: transport failure {}", endpoint, e.getClass().getSimpleName());
            throw TransportFailures.toException(V1, endpoint, e);
        }
        R answer = parse(text, answerType, endpoint);
        LOG.debug("midas_v1 {}: errcode {}", endpoint, answer.errcode());
        return answer;
    }

    /** Frees the connection of an answer whose body is not read. */
    private static void closeQuietly(ResponseBody body) {
        if (body != null) {
            body.close();
        }
    }

    private <R extends MidasV1Response> R parse(String text, Class<R> answerType, String endpoint) {
        JsonAdapter<R> adapter = moshi.adapter(answerType);
        R answer;
        try {
            answer = adapter.fromJson(text);
        } catch (IOException | RuntimeException e) {
            throw PaymentException.of(ErrorKind.MALFORMED_RESPONSE, V1, null, null,
                    endpoint + " answered a body that is not the expected JSON (" + e.getClass().getSimpleName()
                            + ")", null);
        }
        if (answer == null || answer.errcode() == null) {
            throw PaymentException.of(ErrorKind.MALFORMED_RESPONSE, V1, null, null,
                    endpoint + " answered without an errcode", null);
        }
        return answer;
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
