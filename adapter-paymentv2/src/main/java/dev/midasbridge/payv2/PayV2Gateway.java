package dev.midasbridge.payv2;

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
import dev.midasbridge.payv2.error.PayV2Errcodes;
import dev.midasbridge.payv2.sign.PayV2Signer;
import dev.midasbridge.payv2.wire.BalanceResponse;
import dev.midasbridge.payv2.wire.CancelPayResponse;
import dev.midasbridge.payv2.wire.PayResponse;
import dev.midasbridge.payv2.wire.PayV2Response;
import dev.midasbridge.payv2.wire.PayV2Wire;
import dev.midasbridge.payv2.wire.PresentResponse;
import dev.midasbridge.payv2.wire.QueryOrderInfoResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * The pay_v2 gateway over HTTP: maps, serializes once, signs those bytes, sends them, and turns every answer or
 * failure into a result or a typed {@link PaymentException}. Never logs URLs (the query holds the access token).
 */
final class PayV2Gateway implements CurrencyGateway {
    private static final Logger LOG = LoggerFactory.getLogger(PayV2Gateway.class);
    private static final ApiVersion V2 = ApiVersion.PAY_V2;
    private static final MediaType JSON = MediaType.get("application/json");
    static final String SIG_METHOD = "hmac_sha256";

    private final PayV2Service service;
    private final AccessTokenProvider tokens;
    private final ApiCredentials credentials;
    private final PayV2Wire wire;
    private final PayV2Signer signer = PayV2Signer.create();
    private final PayV2Errcodes errcodes;
    private final Clock clock;
    private final Duration callTimeout;

    PayV2Gateway(PayV2Service service, PayV2Config config, AccessTokenProvider tokens) {
        this.service = service;
        this.tokens = Objects.requireNonNull(tokens, "access token provider");
        this.credentials = config.credentials();
        this.wire = PayV2Wire.forOffer(credentials.offerId());
        this.errcodes = PayV2Errcodes.create(config.configurationFaults());
        this.clock = config.clock();
        this.callTimeout = config.callTimeout();
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
            throw InvalidInputException.of("openid", V2, "openid \"" + op.player().openid()
                    + "\": the call's player session is for another openid (\"" + context.session().openid()
                    + "\"); pay_v2 signs with the player's own session_key");
        }
        Envelope<Operation> envelope = new Envelope<>(op, context.environment(), clock.instant().getEpochSecond());
        byte[] body = PayV2Wire.serialize(wire.toRequestFields(envelope));
        Secret appKey = credentials.appKey(context.environment());
        Secret sessionKey = context.session().sessionKey();
        String paySig = signer.paySig(PayV2Wire.path(ep), body, appKey);
        String signature = signer.signature(body, sessionKey);

        AccessToken token = tokens.current();
        AccessToken firstToken = token;
        T answer = send(ep, token, signature, paySig, body, context, type);
        if (isTokenRefusal(answer)) {
            LOG.debug("pay_v2 {}: access token refused (errcode {}), refreshing once", ep, answer.errcode());
            tokens.invalidate(token);
            token = tokens.current();
            answer = send(ep, token, signature, paySig, body, context, type);
            if (isTokenRefusal(answer)) {
                // Refused again: tell the provider (so the next call starts fresh) and fail, without a third try.
                tokens.invalidate(token);
            }
        }
        int errcode = answer.errcode();
        if (errcode != 0) {
            // An errmsg may echo what it was sent: mask every secret this call could have touched.
            String errmsg = mask(answer.errmsg(), firstToken.value(), token.value(), sessionKey,
                    credentials.appKey(Environment.PRODUCTION), credentials.appKey(Environment.SANDBOX));
            throw PaymentException.fromErrcode(errcodes, errcode, errmsg);
        }
        return answer;
    }

    private static boolean isTokenRefusal(PayV2Response answer) {
        return AccessTokenProvider.INVALID_TOKEN_ERRCODES.contains(answer.errcode());
    }

    private static String mask(String text, Secret... secrets) {
        String out = text;
        for (Secret s : secrets) {
            out = s.maskIn(out);
        }
        return out;
    }

    private <T extends PayV2Response> T send(String ep, AccessToken token, String signature, String paySig,
            byte[] body, CallContext context, Class<T> type) {
        Duration left = context.deadline().remaining();
        if (left.isZero()) {
            throw PaymentException.of(ErrorKind.TIMEOUT, V2, null, null,
                    "the deadline passed before " + ep + " was sent", null);
        }
        Duration timeout = left.compareTo(callTimeout) < 0 ? left : callTimeout;
        Call<ResponseBody> call = call(ep, token.value().reveal(), signature, paySig, RequestBody.create(body, JSON));
        call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        LOG.debug("pay_v2 {} ({}): sending {} bytes, timeout {} ms", ep, context.environment(), body.length,
                timeout.toMillis());
        Response<ResponseBody> response;
        try {
            response = call.execute();
        } catch (IOException e) {
            LOG.debug("pay_v2 {}: transport failure {}", ep, e.getClass().getSimpleName());
            throw TransportFailures.toException(V2, ep, e);
        }
        try (ResponseBody raw = response.isSuccessful() ? response.body() : response.errorBody()) {
            if (response.code() != 200) {
                LOG.debug("pay_v2 {}: HTTP {}", ep, response.code());
                throw PaymentException.of(ErrorKind.HTTP_STATUS, V2, null, null,
                        ep + " answered HTTP " + response.code(), null);
            }
            String text;
            try {
                text = raw == null ? "" : raw.string();
            } catch (IOException e) {
                throw TransportFailures.toException(V2, ep, e);
            }
            T answer = PayV2Wire.parseResponse(type, text);
            LOG.debug("pay_v2 {}: errcode {}", ep, answer.errcode());
            return answer;
        }
    }

    private Call<ResponseBody> call(String ep, String token, String signature, String paySig, RequestBody body) {
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
