package dev.midasbridge.adapter.support;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessToken;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.ErrcodeTable;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.TransportFailures;
import dev.midasbridge.core.gateway.CallContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * One adapter's way of making a call, the same for both versions:
 * <ol>
 *   <li>get the access token; any failure to get it is {@link ErrorKind#ACCESS_TOKEN_UNAVAILABLE} (retryable,
 *       nothing sent), e.g. {@code access token unavailable (stable_token: connection refused)};</li>
 *   <li>build the signed request for that token and encode its body; then, immediately before executing it, call
 *       {@link CallContext#beforeSend()}, once per HTTP request;</li>
 *   <li>classify what comes back: an I/O failure by {@link TransportFailures}, an HTTP status other than 200 as
 *       {@code HTTP_STATUS}, an unreadable body or one without errcode as {@code MALFORMED_RESPONSE};</li>
 *   <li>on 40001/40014/42001 invalidate the token, get a fresh one and repeat once (with a second
 *       {@code beforeSend}); refused again, invalidate it too and fail with {@code ACCESS_TOKEN_INVALID};</li>
 *   <li>any other non-zero errcode through the version's {@link ErrcodeTable}, with every secret the call touched
 *       (AppKeys, session_key, tokens) masked in the errmsg.</li>
 * </ol>
 * Never logs URLs, bodies or secrets.
 */
public final class Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final ErrcodeTable errcodes;
    private final ApiVersion version;
    private final AccessTokenProvider tokens;
    private final Duration callTimeout;
    private final List<Secret> configuredSecrets;

    /**
     * @param configuredSecrets the adapter's own secrets (its AppKeys), masked in every errmsg along with the
     *        call's session_key and access tokens
     */
    public Exchange(
            ErrcodeTable errcodes, AccessTokenProvider tokens, Duration callTimeout, List<Secret> configuredSecrets) {
        this.errcodes = Objects.requireNonNull(errcodes, "errcodes");
        this.version = errcodes.version();
        this.tokens = Objects.requireNonNull(tokens, "access token provider");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.configuredSecrets = List.copyOf(configuredSecrets);
    }

    /** One endpoint's request, signed for a given access token, and how to read its answer. */
    public interface Request<A> {
        /** The call to make with {@code accessToken} (signing whatever depends on it); not yet executed. */
        Call<ResponseBody> call(Secret accessToken);

        /**
         * The answer in {@code body} (HTTP 200). A body that cannot be read is a {@code MALFORMED_RESPONSE}
         * {@link PaymentException} (see {@link Exchange#malformed}); never an IOException or library exception.
         */
        A read(String body);

        /** The answer's errcode, or null when it lacks one. */
        Long errcode(A answer);

        /** The answer's errmsg, or null. */
        String errmsg(A answer);
    }

    /** Makes the call to {@code endpoint} and returns its success answer (errcode 0), or throws typed. */
    public <A> A call(String endpoint, CallContext context, Request<A> request) {
        Objects.requireNonNull(context, "context");
        AccessToken first = token(endpoint);
        AccessToken token = first;
        A answer = send(endpoint, context, request, token);
        long errcode = request.errcode(answer);
        if (isTokenRefusal(errcode)) {
            LOG.debug(
                    "{} {}: access token refused (errcode {}), fetching a new one and repeating once",
                    version.label(),
                    endpoint,
                    errcode);
            tokens.invalidate(token);
            token = token(endpoint);
            answer = send(endpoint, context, request, token);
            errcode = request.errcode(answer);
            if (isTokenRefusal(errcode)) {
                // Refused again: tell the provider (so the next call starts afresh) and fail, without a third try.
                tokens.invalidate(token);
            }
        }
        if (errcode != 0) {
            List<Secret> secrets = new ArrayList<>(configuredSecrets);
            secrets.add(context.session().sessionKey());
            secrets.add(first.value());
            secrets.add(token.value());
            String errmsg = request.errmsg(answer);
            for (Secret s : secrets) {
                errmsg = s.maskIn(errmsg);
            }
            throw errcodes.exception(errcode, errmsg);
        }
        return answer;
    }

    private static boolean isTokenRefusal(long errcode) {
        return errcode == (int) errcode && AccessTokenProvider.INVALID_TOKEN_ERRCODES.contains((int) errcode);
    }

    /** The current access token; any failure to get one means nothing was sent. */
    private AccessToken token(String endpoint) {
        try {
            return Objects.requireNonNull(tokens.current(), "the access token provider returned null");
        } catch (RuntimeException e) {
            LOG.debug(
                    "{} {}: no access token ({})",
                    version.label(),
                    endpoint,
                    e.getClass().getSimpleName());
            throw PaymentException.of(
                    ErrorKind.ACCESS_TOKEN_UNAVAILABLE,
                    version,
                    null,
                    null,
                    "access token unavailable (" + words(e) + ")",
                    e);
        }
    }

    /** Why the token could not be had, in words: the provider's own words when it gave them, never a secret. */
    private static String words(RuntimeException e) {
        if (e instanceof PaymentException p) {
            String what = p.detail()
                    .orElse(p.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            if (p.errcode().isPresent() && !what.contains("errcode")) {
                what += ", errcode " + p.errcode().getAsInt();
            }
            return what;
        }
        return e.getClass().getSimpleName();
    }

    /** One HTTP exchange with {@code token}; returns the answer with its errcode present. */
    private <A> A send(String endpoint, CallContext context, Request<A> request, AccessToken token) {
        Duration budget = context.deadline().remaining();
        if (budget.compareTo(callTimeout) > 0) {
            budget = callTimeout;
        }
        if (budget.isZero() || budget.isNegative()) {
            throw PaymentException.of(
                    ErrorKind.TIMEOUT,
                    version,
                    null,
                    null,
                    "the deadline passed before " + endpoint + " was sent",
                    null);
        }
        Call<ResponseBody> call = request.call(token.value());
        call.timeout().timeout(budget.toNanos(), TimeUnit.NANOSECONDS);
        call.request(); // encodes the body now: a failure here is local, and nothing was sent
        LOG.debug(
                "{} {} ({}): sending, timeout {} ms",
                version.label(),
                endpoint,
                context.environment(),
                budget.toMillis());
        context.beforeSend();
        String text;
        try {
            Response<ResponseBody> response = call.execute();
            int status = response.code();
            try (ResponseBody body = response.isSuccessful() ? response.body() : response.errorBody()) {
                if (status != 200) {
                    LOG.debug("{} {}: HTTP {}", version.label(), endpoint, status);
                    throw PaymentException.of(
                            ErrorKind.HTTP_STATUS, version, null, null, endpoint + " answered HTTP " + status, null);
                }
                text = body == null ? "" : body.string();
            }
        } catch (IOException e) {
            LOG.debug(
                    "{} {}: transport failure {}",
                    version.label(),
                    endpoint,
                    e.getClass().getSimpleName());
            throw TransportFailures.toException(version, endpoint, e);
        }
        A answer = request.read(text);
        if (answer == null || request.errcode(answer) == null) {
            throw malformed(version, endpoint, answer == null ? "it is JSON null" : "it lacks \"errcode\"", null);
        }
        LOG.debug("{} {}: errcode {}", version.label(), endpoint, request.errcode(answer));
        return answer;
    }

    /** The {@code MALFORMED_RESPONSE} for an answer of {@code endpoint} that could not be read, and {@code why}. */
    public static PaymentException malformed(ApiVersion version, String endpoint, String why, Throwable cause) {
        return PaymentException.of(
                ErrorKind.MALFORMED_RESPONSE,
                version,
                null,
                null,
                "the " + endpoint + " answer could not be read: " + why,
                cause);
    }

    @Override
    public String toString() {
        return "Exchange[" + version.label() + "]";
    }
}
