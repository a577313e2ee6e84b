package dev.midasbridge.gateway;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2Format;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Answers one midas 1.0 or pay_v2 request the way the real API would: checks both signatures (diagnosing known
 * mistakes), finds the player's session key, reads the body into the domain, and asks the bridge
 * ({@link GameCurrency}: routing, journal, retries) for the result, written back in the dialect the game spoke.
 */
final class PaymentService {
    static final String SESSION_KEY_HEADER = "X-Bridge-Session-Key";

    private final GameCurrency bridge;
    private final SessionStore sessions;
    private final ApiCredentials v1;
    private final ApiCredentials v2;
    private final GatewayMetrics metrics;
    /** Players with a call under way here: the reconciler leaves their orders to that call. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();

    PaymentService(
            GameCurrency bridge, SessionStore sessions, ApiCredentials v1, ApiCredentials v2, GatewayMetrics metrics) {
        this.bridge = bridge;
        this.sessions = sessions;
        this.v1 = v1;
        this.v2 = v2;
        this.metrics = metrics;
    }

    /** A refusal by the gateway's checks, carrying the answer. */
    private static final class Refusal extends Exception {
        final transient Answer answer;

        Refusal(Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    // ---------------------------------------------------------------- midas 1.0

    /**
     * A midas 1.0 request to {@code path} ({@code /cgi-bin/midas/[sandbox/]<endpoint>}).
     *
     * @param accessToken the game's {@code access_token} query parameter (accepted as sent; signed in mp_sig)
     * @param sessionKeyHeader the {@code X-Bridge-Session-Key} header, if sent
     */
    Answer midasV1(
            String path,
            String endpoint,
            boolean sandbox,
            Optional<String> accessToken,
            byte[] body,
            Optional<String> sessionKeyHeader) {
        Dialect d = Dialect.MIDAS_V1;
        try {
            Map<String, Object> all = readBody(d, body);
            Map<String, Object> params = new LinkedHashMap<>(all);
            Object sig = params.remove("sig");
            Object mpSig = params.remove("mp_sig");
            Environment env = sandbox ? Environment.SANDBOX : Environment.PRODUCTION;
            checkOffer(d, params.get("offer_id"));
            checkV1Sig(path, env, params, sig);
            String openid = params.get("openid") instanceof String s ? s : "";
            if (accessToken.isEmpty() || accessToken.get().isEmpty()) {
                return Answer.refused(41001, "access_token missing", "missing access_token in the query string");
            }
            PlayerSession session = session(d, openid, sessionKeyHeader);
            checkMpSig(path, params, (String) sig, accessToken.get(), session, mpSig);
            Envelope<?> envelope;
            try {
                envelope = MidasV1Format.parse(endpoint, params, sandbox);
            } catch (PaymentException e) {
                return Answer.error(Dialect.PARAMETER_ERROR, e.getMessage(), Optional.empty(), Optional.empty(), false);
            }
            return call(d, envelope, session);
        } catch (Refusal r) {
            return r.answer;
        }
    }

    private void checkV1Sig(String path, Environment env, Map<String, Object> params, Object sig) throws Refusal {
        Dialect d = Dialect.MIDAS_V1;
        if (!(sig instanceof String claimed) || claimed.isEmpty()) {
            throw refuse(
                    Dialect.APP_SIGNATURE_WRONG, d.appSignatureMessage(), "missing signature: the body has no sig");
        }
        Secret key = v1.appKey(env);
        if (MidasV1Format.verifySig(path, params, key, claimed)) {
            return;
        }
        throw refuse(Dialect.APP_SIGNATURE_WRONG, d.appSignatureMessage(), diagnoseV1Sig(path, env, params, claimed));
    }

    private String diagnoseV1Sig(String path, Environment env, Map<String, Object> params, String claimed) {
        Environment other = env == Environment.SANDBOX ? Environment.PRODUCTION : Environment.SANDBOX;
        if (params.containsKey("access_token")) {
            return "access_token sent in the body: it belongs in the query string and is never signed in sig";
        }
        if (MidasV1Format.verifySig(path, params, v1.appKey(other), claimed)) {
            return "wrong environment's key: sig was made with the " + name(other) + " AppKey; a call to " + path
                    + " needs the " + name(env) + " AppKey";
        }
        String otherPath = MidasV1Format.path(endpointOf(path), other);
        if (MidasV1Format.verifySig(otherPath, params, v1.appKey(other), claimed)
                || MidasV1Format.verifySig(otherPath, params, v1.appKey(env), claimed)) {
            return "wrong environment: sig was made for " + otherPath + " but the request went to " + path;
        }
        if (MidasV1Format.verifySig(path, params, v2.appKey(env), claimed)
                || MidasV1Format.verifySig(path, params, v2.appKey(other), claimed)) {
            return "wrong key: sig was made with the pay_v2 AppKey; midas 1.0 needs the midas 1.0 AppKey";
        }
        String expected = MidasV1Format.sig(path, params, v1.appKey(env));
        if (!claimed.equals(expected) && claimed.equalsIgnoreCase(expected)) {
            return "uppercase hex: sig must be lowercase hex";
        }
        return "wrong key: sig matches no AppKey of this game for this request (check the midas 1.0 AppKey, that"
                + " parameters are sorted, not URL-encoded, and org_loc=" + path + "&method=POST)";
    }

    private void checkMpSig(
            String path,
            Map<String, Object> params,
            String sig,
            String accessToken,
            PlayerSession session,
            Object mpSig)
            throws Refusal {
        Dialect d = Dialect.MIDAS_V1;
        if (!(mpSig instanceof String claimed) || claimed.isEmpty()) {
            metrics.sessionKeyMiss(d, "missing_signature");
            throw refuse(
                    d.playerSignatureWrong(), d.playerSignatureMessage(), "missing signature: the body has no mp_sig");
        }
        Secret token = Secret.of(accessToken);
        if (MidasV1Format.verifyMpSig(path, params, sig, token, session.sessionKey(), claimed)) {
            return;
        }
        Optional<SessionStore.Keys> keys = sessions.find(session.openid());
        if (keys.flatMap(SessionStore.Keys::previous)
                .map(prev -> MidasV1Format.verifyMpSig(path, params, sig, token, prev, claimed))
                .orElse(false)) {
            metrics.sessionKeyMiss(d, "stale");
            throw refuse(
                    d.playerSignatureWrong(),
                    d.playerSignatureMessage(),
                    "stale session key: mp_sig was made with the player's previous session_key; the player logged"
                            + " in again since");
        }
        throw refuse(
                d.playerSignatureWrong(),
                d.playerSignatureMessage(),
                "wrong session key: mp_sig does not match the player's current session_key (or the parameters,"
                        + " access_token and sig it signs)");
    }

    // ---------------------------------------------------------------- pay_v2

    /**
     * A pay_v2 request to {@code path} ({@code /wxa/game/<endpoint>}) with its query's {@code pay_sig} and
     * {@code signature}, over the exact body bytes received.
     */
    Answer payV2(
            String path,
            String endpoint,
            Optional<String> paySig,
            Optional<String> signature,
            byte[] body,
            Optional<String> sessionKeyHeader) {
        Dialect d = Dialect.PAY_V2;
        try {
            Map<String, Object> fields = readBody(d, body);
            Environment env;
            try {
                env = PayV2Requests.environment(fields);
            } catch (PayV2Requests.BadParameter e) {
                throw refuse(Dialect.PARAMETER_ERROR, e.getMessage(), "env must be 0 or 1");
            }
            checkPaySig(path, env, body, fields, paySig);
            checkOffer(d, fields.get("offer_id"));
            String openid = fields.get("openid") instanceof String s ? s : "";
            PlayerSession session = session(d, openid, sessionKeyHeader);
            checkSignature(body, fields, session, signature);
            Envelope<?> envelope;
            try {
                envelope = PayV2Requests.parse(endpoint, fields);
            } catch (PayV2Requests.BadParameter e) {
                return Answer.error(Dialect.PARAMETER_ERROR, e.getMessage(), Optional.empty(), Optional.empty(), false);
            }
            return call(d, envelope, session);
        } catch (Refusal r) {
            return r.answer;
        }
    }

    private void checkPaySig(
            String path, Environment env, byte[] body, Map<String, Object> fields, Optional<String> paySig)
            throws Refusal {
        Dialect d = Dialect.PAY_V2;
        if (paySig.isEmpty() || paySig.get().isEmpty()) {
            throw refuse(
                    Dialect.APP_SIGNATURE_WRONG,
                    d.appSignatureMessage(),
                    "missing signature: the query has no pay_sig");
        }
        String claimed = paySig.get();
        if (PayV2Format.verifyPaySig(path, body, v2.appKey(env), claimed)) {
            return;
        }
        Environment other = env == Environment.SANDBOX ? Environment.PRODUCTION : Environment.SANDBOX;
        String why;
        if (PayV2Format.verifyPaySig(path, body, v2.appKey(other), claimed)) {
            why = "wrong environment's key: pay_sig was made with the " + name(other) + " AppKey; env=" + env.payV2Env()
                    + " needs the " + name(env) + " AppKey";
        } else if (reserialisations(fields).stream()
                .anyMatch(b -> PayV2Format.verifyPaySig(path, b, v2.appKey(env), claimed))) {
            why = "body re-serialised: pay_sig was made over another serialisation of this body (whitespace, key"
                    + " order or escaping); sign the exact bytes you send";
        } else if (PayV2Format.verifyPaySig(path, body, v1.appKey(env), claimed)
                || PayV2Format.verifyPaySig(path, body, v1.appKey(other), claimed)) {
            why = "wrong key: pay_sig was made with the midas 1.0 AppKey; pay_v2 needs the pay_v2 AppKey";
        } else if (claimed.equalsIgnoreCase(PayV2Format.paySig(path, body, v2.appKey(env)))) {
            why = "uppercase hex: pay_sig must be lowercase hex";
        } else {
            why = "wrong key: pay_sig matches no AppKey of this game over " + path
                    + "&<body> (check the pay_v2 AppKey and that the path has no query string)";
        }
        throw refuse(Dialect.APP_SIGNATURE_WRONG, d.appSignatureMessage(), why);
    }

    private void checkSignature(
            byte[] body, Map<String, Object> fields, PlayerSession session, Optional<String> signature) throws Refusal {
        Dialect d = Dialect.PAY_V2;
        if (signature.isEmpty() || signature.get().isEmpty()) {
            metrics.sessionKeyMiss(d, "missing_signature");
            throw refuse(
                    d.playerSignatureWrong(),
                    d.playerSignatureMessage(),
                    "missing signature: the query has no signature");
        }
        String claimed = signature.get();
        if (PayV2Format.verifySignature(body, session.sessionKey(), claimed)) {
            return;
        }
        Optional<Secret> previous = sessions.find(session.openid()).flatMap(SessionStore.Keys::previous);
        String why;
        if (previous.map(p -> PayV2Format.verifySignature(body, p, claimed)).orElse(false)) {
            metrics.sessionKeyMiss(d, "stale");
            why = "stale session key: signature was made with the player's previous session_key; the player logged"
                    + " in again since";
        } else if (reserialisations(fields).stream()
                .anyMatch(b -> PayV2Format.verifySignature(b, session.sessionKey(), claimed))) {
            why = "body re-serialised: signature was made over another serialisation of this body; sign the exact"
                    + " bytes you send";
        } else {
            why = "wrong session key: signature does not match the player's current session_key over the body";
        }
        throw refuse(d.playerSignatureWrong(), d.playerSignatureMessage(), why);
    }

    /** The compact serialisations a client may have signed before re-serialising: as received, and keys sorted. */
    private static java.util.List<byte[]> reserialisations(Map<String, Object> fields) {
        return java.util.List.of(StrictJson.writeBytes(fields), StrictJson.writeBytes(new TreeMap<>(fields)));
    }

    // ---------------------------------------------------------------- shared

    private Map<String, Object> readBody(Dialect d, byte[] body) throws Refusal {
        try {
            return StrictJson.readObject(body);
        } catch (StrictJson.MalformedJsonException e) {
            throw refuse(
                    Dialect.PARAMETER_ERROR,
                    "invalid request body: " + e.getMessage(),
                    "the body is not one JSON object: " + e.getMessage());
        }
    }

    private void checkOffer(Dialect d, Object offerId) throws Refusal {
        ApiCredentials mine = d == Dialect.MIDAS_V1 ? v1 : v2;
        ApiCredentials other = d == Dialect.MIDAS_V1 ? v2 : v1;
        if (mine.offerId().equals(offerId)) {
            return;
        }
        String why = other.offerId().equals(offerId)
                ? "wrong offer_id: the " + other.version().label() + " offer_id was sent to "
                        + d.version().label()
                : "wrong offer_id: not this game's " + d.version().label() + " offer_id";
        if (d == Dialect.MIDAS_V1) {
            throw refuse(Dialect.SYSTEM_BUSY, "1021-1021-0 offer_id invalid", why);
        }
        throw refuse(Dialect.PARAMETER_ERROR, "[offer_id] offer_id is invalid", why);
    }

    /** The player's session: the header's key (stored, newest wins) or the stored one; none is refused. */
    private PlayerSession session(Dialect d, String openid, Optional<String> header) throws Refusal {
        if (openid.isEmpty()) {
            throw refuse(Dialect.PARAMETER_ERROR, "[openid] openid is invalid", "the body has no openid");
        }
        if (header.isPresent() && !header.get().isBlank()) {
            Secret key = Secret.of(header.get().strip());
            sessions.put(openid, key, SessionStore.Source.HEADER);
            return new PlayerSession(openid, key);
        }
        Optional<SessionStore.Keys> keys = sessions.find(openid);
        if (keys.isEmpty()) {
            metrics.sessionKeyMiss(d, "unknown");
            throw refuse(
                    d.playerSignatureWrong(),
                    d.playerSignatureMessage(),
                    "no session key known for this openid: pass /sns/jscode2session through the gateway, send "
                            + SESSION_KEY_HEADER + ", or import it through the admin API");
        }
        return new PlayerSession(openid, keys.get().current());
    }

    /** Whether a call for {@code openid} is under way in this process. */
    boolean busy(String openid) {
        java.util.concurrent.atomic.AtomicInteger n = inFlight.get(openid);
        return n != null && n.get() > 0;
    }

    private Answer call(Dialect d, Envelope<?> envelope, PlayerSession session) {
        String openid = session.openid();
        inFlight.computeIfAbsent(openid, k -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        try {
            return callBridge(d, envelope, session);
        } finally {
            inFlight.computeIfPresent(openid, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    private Answer callBridge(Dialect d, Envelope<?> envelope, PlayerSession session) {
        Environment env = envelope.environment();
        try {
            if (envelope.operation() instanceof BalanceQuery q) {
                Balance b = bridge.balance(q.player(), session, env);
                return Answer.ok(d.balance(b), bridge.router().route(q.player(), env));
            } else if (envelope.operation() instanceof Deduction x) {
                DeductionReceipt r = bridge.deduct(x, session, env);
                return Answer.ok(d.deduction(x.orderNo().value(), r.balance(), r.presentUsed()), r.version());
            } else if (envelope.operation() instanceof Grant g) {
                GrantReceipt r = bridge.grant(g, session, env);
                return Answer.ok(d.grant(g.orderNo().value(), r.balance()), r.version());
            } else if (envelope.operation() instanceof Refund f) {
                Refund refund = f.refundOrderNo().isPresent()
                        ? f
                        : f.withRefundOrderNo(midasV1RefundOrderNo(f.deductionOrderNo()));
                RefundReceipt r = bridge.refund(refund, session, env);
                String billNo = d == Dialect.MIDAS_V1
                        ? f.deductionOrderNo().value()
                        : refund.refundOrderNo().orElseThrow().value();
                return Answer.ok(d.refund(billNo), r.version());
            } else if (envelope.operation() instanceof OrderQuery q) {
                OrderInfo o = bridge.queryOrder(q, session, env);
                return Answer.ok(d.order(o), ApiVersion.PAY_V2);
            }
            throw new IllegalStateException(
                    "unhandled operation " + envelope.operation().endpoint());
        } catch (PaymentException e) {
            // A 90012 for an order this fleet journaled (two instances sending it at once) is settled by the bridge:
            // it answers the applied order as applied, or an unknown outcome (-1 here) while it cannot tell yet.
            Answer a = d.failure(e);
            if (a.outcomeUnknown()
                    || a.errcode() == Dialect.SYSTEM_BUSY
                            && envelope.operation().mutates()) {
                metrics.unknownOutcome(d);
            }
            return a;
        }
    }

    /**
     * The refund order number of a midas 1.0 cancelpay, which sends none: derived from the deduction's, so that the
     * game's retries of the same cancelpay find the same journaled refund. midas 1.0 refunds a deduction once,
     * whole, so one refund per deduction is all a 1.0 game can ask for.
     */
    static OrderNo midasV1RefundOrderNo(OrderNo deduction) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(deduction.value().getBytes(StandardCharsets.UTF_8));
            return OrderNo.forVersion("R" + HexFormat.of().formatHex(h, 0, 16), ApiVersion.PAY_V2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Refusal refuse(int errcode, String errmsg, String diagnosis) {
        return new Refusal(Answer.refused(errcode, errmsg, diagnosis));
    }

    private static String name(Environment env) {
        return env == Environment.SANDBOX ? "sandbox" : "production";
    }

    private static String endpointOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
