package dev.midasbridge.engine;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.gateway.Deadline;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Receipt;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.journal.AttemptStart;
import dev.midasbridge.engine.journal.ErrorRecord;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalConflict;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderKind;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.journal.Resolution;
import dev.midasbridge.engine.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * What a migrating game calls: balance, deduct, grant, refund and order query over both API versions at once.
 * New orders go where the {@link Router} says; an order already journaled always goes back to the version that
 * first saw it. Every deduction, grant and refund is journaled before it is sent and retried with the same order
 * number on the same version while its outcome is unknown, so nothing is applied twice or lost, even across a crash
 * ({@link #reconcile}). Thread-safe.
 */
public final class GameCurrency {
    private static final System.Logger LOG = System.getLogger(GameCurrency.class.getName());
    /** How often the journal is read while waiting for a concurrent attempt of the same order: first, and at most. */
    private static final Duration CONCURRENT_POLL_FIRST = Duration.ofMillis(5);

    private static final Duration CONCURRENT_POLL_MAX = Duration.ofMillis(100);

    private final Map<ApiVersion, CurrencyGateway> gateways;
    private final Journal journal;
    private final BridgeConfig config;
    private final ShadowReport shadow = new ShadowReport();

    private GameCurrency(Map<ApiVersion, CurrencyGateway> gateways, Journal journal, BridgeConfig config) {
        this.gateways = gateways;
        this.journal = journal;
        this.config = config;
    }

    /** A bridge over {@code gateways} (one per version; both for a migration), journaling into {@code journal}. */
    public static GameCurrency create(Map<ApiVersion, CurrencyGateway> gateways, Journal journal, BridgeConfig config) {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(config, "config");
        Map<ApiVersion, CurrencyGateway> copy = new EnumMap<>(ApiVersion.class);
        gateways.forEach((version, gateway) -> {
            if (gateway.version() != version) {
                throw new IllegalArgumentException("the gateway given for " + version.label() + " speaks "
                        + gateway.version().label());
            }
            copy.put(version, gateway);
        });
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("the bridge needs at least one gateway");
        }
        return new GameCurrency(Map.copyOf(copy), journal, config);
    }

    /** The routing in force; change its policies at run time with {@link Router#setPolicy}. */
    public Router router() {
        return config.router();
    }

    /** The journal the bridge writes to. */
    public Journal journal() {
        return journal;
    }

    /** Shadow-read comparisons and divergences so far. */
    public ShadowReport shadowReport() {
        return shadow;
    }

    // --- reads ----------------------------------------------------------------------------------------------

    /**
     * The player's balance from the version the player is routed to. With shadow reads on, the other version is
     * asked too and any difference recorded in {@link #shadowReport()}; its failures never fail this call.
     */
    public Balance balance(Player player, PlayerSession session, Environment environment) {
        requireSessionOf(player, session);
        ApiVersion routed = config.router().route(player, environment);
        Balance answer =
                read(routed, session, environment, (g, context) -> g.balance(BalanceQuery.of(player), context));
        ApiVersion other = routed == ApiVersion.MIDAS_V1 ? ApiVersion.PAY_V2 : ApiVersion.MIDAS_V1;
        if (config.shadowReads() && gateways.containsKey(other)) {
            try {
                Balance shadowAnswer = gateway(other).balance(BalanceQuery.of(player), context(session, environment));
                Balance v1 = routed == ApiVersion.MIDAS_V1 ? answer : shadowAnswer;
                Balance v2 = routed == ApiVersion.PAY_V2 ? answer : shadowAnswer;
                List<Divergence.Field> fields = shadow.compare(v1, v2);
                if (!fields.isEmpty()) {
                    Divergence d = new Divergence(now(), environment, player, routed, fields);
                    shadow.record(d);
                    LOG.log(System.Logger.Level.WARNING, "shadow read diverged: {0}", d);
                }
            } catch (PaymentException e) {
                shadow.recordFailure();
                LOG.log(System.Logger.Level.DEBUG, "shadow read on {0} failed: {1}", other.label(), e.getMessage());
            }
        }
        return answer;
    }

    /**
     * The state of a purchase order, from the version that handled it (pay_v2 unless the journal says otherwise;
     * midas 1.0 has no order query and answers NOT_SUPPORTED).
     */
    public OrderInfo queryOrder(OrderQuery query, PlayerSession session, Environment environment) {
        requireSessionOf(query.player(), session);
        ApiVersion version = journal.find(JournalKey.of(environment, query.player(), query.outTradeNo()))
                .map(JournalEntry::version)
                .orElse(ApiVersion.PAY_V2);
        return read(version, session, environment, (g, context) -> g.queryOrder(query, context));
    }

    // --- writes ---------------------------------------------------------------------------------------------

    /**
     * Deducts coins. Returns the receipt once the server confirms; throws {@link PaymentException} when the answer is
     * definite (e.g. balance too low), and an {@code OutcomeUnknownException} when the order is still unknown after
     * the retry budget: it is then journaled as UNKNOWN for {@link #reconcile}. Calling again with the same order
     * number returns the journaled result. When success was learned only from a 90012 after our own earlier
     * attempt, the balance is fetched to complete the receipt and {@code presentUsed} is 0 (not reported). A 90012
     * while another process sharing the journal has a later attempt of the same order under way (a fleet receiving
     * the same order twice at once) waits, within the call's deadline, for that attempt: applied, the journaled
     * receipt is returned; not applied, the order is a duplicate as above; still unresolved, the outcome is unknown.
     */
    public DeductionReceipt deduct(Deduction deduction, PlayerSession session, Environment environment) {
        requireSessionOf(deduction.player(), session);
        JournalKey key = JournalKey.of(
                environment, deduction.player(), deduction.orderNo().value());
        Optional<JournalEntry> stored = journal.find(key);
        ApiVersion version =
                stored.isPresent() ? stored.get().version() : config.router().route(deduction.player(), environment);
        OrderNo wire = wireOrderNo(deduction.orderNo(), version, "bill_no");
        Deduction sent = wire == deduction.orderNo() ? deduction : deduction.withOrderNo(wire);
        return (DeductionReceipt) run(JournalEntry.intent(key, version, sent, now()), stored, session);
    }

    /** Grants free coins; journaled and retried like {@link #deduct}. */
    public GrantReceipt grant(Grant grant, PlayerSession session, Environment environment) {
        requireSessionOf(grant.player(), session);
        JournalKey key =
                JournalKey.of(environment, grant.player(), grant.orderNo().value());
        Optional<JournalEntry> stored = journal.find(key);
        ApiVersion version =
                stored.isPresent() ? stored.get().version() : config.router().route(grant.player(), environment);
        OrderNo wire = wireOrderNo(grant.orderNo(), version, "bill_no");
        Grant sent = wire == grant.orderNo() ? grant : grant.withOrderNo(wire);
        return (GrantReceipt) run(JournalEntry.intent(key, version, sent, now()), stored, session);
    }

    /**
     * Refunds (part of) a deduction on the version that made it (the journal's; {@code unjournaledOrderVersion} for
     * a deduction the bridge never saw, and without that setting such a refund is refused before anything is sent). The refund needs its own order number, which keys the journal (midas 1.0
     * does not send it). midas 1.0 refunds whole deductions only: an amount is accepted only when it equals the
     * journaled deduction. pay_v2 needs an amount; left out, it is the journaled deduction's.
     */
    public RefundReceipt refund(Refund refund, PlayerSession session, Environment environment) {
        requireSessionOf(refund.player(), session);
        OrderNo refundNo = refund.refundOrderNo()
                .orElseThrow(
                        () -> InvalidInputException.of(
                                "bill_no",
                                null,
                                "refund bill_no: required by the bridge, which journals every refund under its own order number"));
        JournalKey key = JournalKey.of(environment, refund.player(), refundNo.value());
        Optional<JournalEntry> existing = journal.find(key);
        Optional<JournalEntry> deduction = journal.find(JournalKey.of(
                environment, refund.player(), refund.deductionOrderNo().value()));
        ApiVersion version = existing.map(JournalEntry::version)
                .or(() -> deduction.map(JournalEntry::version))
                .or(config::unjournaledOrderVersion)
                .orElseThrow(() -> InvalidInputException.of(
                        "pay_bill_no",
                        null,
                        "refund of "
                                + refund.deductionOrderNo()
                                + ": the journal does not know this deduction, so the bridge cannot"
                                + " tell which version made it; name the version for orders the journal does not know"
                                + " (BridgeConfig unjournaledOrderVersion)"));
        OrderNo deductionWire = deduction
                .filter(d -> d.version() == version && d.operation() instanceof Deduction)
                .map(d -> ((Deduction) d.operation()).orderNo())
                .orElseGet(() -> wireOrderNo(refund.deductionOrderNo(), version, "pay_bill_no"));
        OptionalLong deducted = deduction.map(JournalEntry::amount).orElse(OptionalLong.empty());
        OptionalLong amount = refund.amount();
        if (version == ApiVersion.MIDAS_V1 && amount.isPresent() && !amount.equals(deducted)) {
            throw InvalidInputException.of(
                    "amount",
                    version,
                    "amount " + amount.getAsLong()
                            + ": midas_v1 refunds the whole deduction " + refund.deductionOrderNo()
                            + (deducted.isPresent() ? " (" + deducted.getAsLong() + " coins)" : " (not in the journal)")
                            + "; leave amount out");
        }
        if (version == ApiVersion.PAY_V2 && amount.isEmpty()) {
            amount = deducted;
            if (amount.isEmpty()) {
                throw InvalidInputException.of(
                        "amount",
                        version,
                        "amount: pay_v2 refunds need an amount, and the " + "deduction " + refund.deductionOrderNo()
                                + " is not in the journal to take it from");
            }
        }
        if (version == ApiVersion.MIDAS_V1 && existing.isEmpty()) {
            // midas 1.0 knows a refund by the deduction's bill_no: a second refund under another number is the same.
            Optional<JournalEntry> other = journal
                    .refundsOf(
                            JournalKey.of(
                                    environment,
                                    refund.player(),
                                    refund.deductionOrderNo().value()),
                            deductionWire)
                    .stream()
                    .filter(r -> r.status() != OrderStatus.REJECTED && r.status() != OrderStatus.FAILED)
                    .findFirst();
            if (other.isPresent()) {
                throw PaymentException.of(
                        ErrorKind.ORDER_ALREADY_ROLLED_BACK,
                        version,
                        null,
                        null,
                        "deduction "
                                + refund.deductionOrderNo() + " already has refund "
                                + other.get().key().orderNo() + " ("
                                + other.get().status() + "); midas_v1 refunds a deduction once, whole",
                        null);
            }
        }
        Refund sent = new Refund(
                refund.player(),
                deductionWire,
                Optional.of(wireOrderNo(refundNo, version, "bill_no")),
                version == ApiVersion.MIDAS_V1 ? OptionalLong.empty() : amount,
                refund.item(),
                refund.userIp());
        return (RefundReceipt) run(JournalEntry.intent(key, version, sent, now()), existing, session);
    }

    // --- crash recovery ---------------------------------------------------------------------------------------

    /**
     * Resumes every unresolved order (PENDING or UNKNOWN) on the version that first saw it, with its journaled
     * parameters and the session {@code sessions} gives for its player, until each is applied, definitely not
     * applied, or still unknown after the retry budget. An order with no attempt ever sent (its intent was journaled,
     * then the process stopped or the access token could not be fetched before anything went on the wire) was
     * certainly not applied: it is sent now as a first attempt (so a 90012 is someone else's order, not ours), and the
     * report counts and labels it as never sent before. {@code sessions} also supplies a fresh session_key when the
     * server rejects the one it gave (see {@link BridgeConfig#sessionLookup()}).
     */
    public ReconcileReport reconcile(SessionLookup sessions) {
        int applied = 0;
        int notApplied = 0;
        int unknown = 0;
        int skipped = 0;
        int neverSent = 0;
        List<String> lines = new ArrayList<>();
        for (JournalEntry entry : journal.unresolved()) {
            boolean wasNeverSent = entry.attempts() == 0;
            String label =
                    entry.key() + ": " + (wasNeverSent ? "never sent before (nothing was applied), sent now: " : "");
            Optional<PlayerSession> session = sessions.sessionFor(entry.key().openid());
            if (session.isEmpty()) {
                skipped++;
                lines.add(entry.key() + ": skipped, no session for the player"
                        + (wasNeverSent ? " (never sent: nothing was applied)" : ""));
                continue;
            }
            if (wasNeverSent) {
                neverSent++;
            }
            try {
                drive(entry, true, session.get(), Optional.of(sessions));
                applied++;
                lines.add(label + "applied on " + entry.version().label());
            } catch (PaymentException e) {
                JournalEntry now = journal.find(entry.key()).orElse(entry);
                String state = now.status().name().toLowerCase(java.util.Locale.ROOT);
                if (now.status() == OrderStatus.APPLIED) {
                    applied++;
                } else if (now.status().unresolved()) {
                    unknown++;
                    if (now.attempts() == 0) {
                        state = "still pending, not sent";
                    }
                } else {
                    notApplied++;
                }
                lines.add(label + state + " (" + e.kind() + ")");
            }
        }
        return new ReconcileReport(applied, notApplied, unknown, skipped, neverSent, lines);
    }

    /** Flags unresolved orders older than {@code flagAfter} for a person and returns every flagged unresolved order. */
    public List<JournalEntry> flagStaleOrders() {
        Instant now = now();
        return journal.flagUnresolvedOlderThan(now.minus(config.flagAfter()), now);
    }

    // --- the retry loop ---------------------------------------------------------------------------------------

    /** {@code intent} as the caller asks it, and the order as the journal holds it (if it does). */
    private Receipt run(JournalEntry intent, Optional<JournalEntry> stored, PlayerSession session) {
        if (stored.isEmpty()) {
            return drive(intent, false, session, config.sessionLookup());
        }
        return resume(intent, stored.get(), session);
    }

    /** Goes on with an order the journal holds already: its journaled answer, or more attempts. */
    private Receipt resume(JournalEntry intent, JournalEntry stored, PlayerSession session) {
        if (!stored.sameRequestAs(intent)) {
            throw InvalidInputException.of(
                    "bill_no",
                    stored.version(),
                    "bill_no \"" + intent.key().orderNo()
                            + "\": already used for a different "
                            + stored.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " (" + describe(stored) + "); use a new order number");
        }
        return switch (stored.status()) {
            case APPLIED -> journaledReceipt(stored);
            case REJECTED -> throw rejectionOf(stored);
            default -> drive(stored, true, session, config.sessionLookup());
        };
    }

    /**
     * Calls until the order is applied, definitely not applied, or still unknown after the retry budget. An attempt
     * is journaled as sent ({@link Journal#startAttempt}) only when the gateway says it is about to write the request
     * ({@link CallContext#beforeSend()}); a call that fails before that point (access token unavailable, could not
     * sign) sent nothing and leaves no sent attempt. {@code lookup}, when present, supplies the player's current
     * session_key once when the server rejects the one given. {@code journaled}: whether the order is in the journal
     * already; if not, its intent is journaled together with the first attempt when that is sent
     * ({@link Journal#startFirstAttempt}), or, if the first call sends nothing, as never sent.
     */
    private Receipt drive(
            JournalEntry entry, boolean journaled, PlayerSession session, Optional<SessionLookup> lookup) {
        JournalKey key = entry.key();
        CurrencyGateway gateway = gateway(entry.version());
        Instant started = now();
        int attemptsThisRun = 0;
        boolean sessionRefreshed = false;
        PlayerSession current = session;
        while (true) {
            attemptsThisRun++;
            SendMark mark = new SendMark(entry, journaled);
            CallContext context = new CallContext(key.environment(), current, Deadline.in(config.callTimeout()), mark);
            Receipt result;
            try {
                result = call(gateway, entry.operation(), context);
            } catch (JournalConflict conflict) {
                // Another writer journaled this order between our look-up and our first send: nothing was sent.
                return resume(entry, conflict.stored(), current);
            } catch (PaymentException e) {
                if (e.outcomeUnknown()) {
                    // An outcome can only be unknown if something was sent: a gateway that did not say so is
                    // taken at its answer, and the attempt is journaled now (as maybe applied).
                    mark.assumeSent();
                }
                if (!mark.sent() && !journaled) {
                    // The first call sent nothing: the order is journaled now as never sent, so that it is
                    // not lost (PENDING, no attempt), unless another writer journaled it meanwhile.
                    if (journal.recordIntent(entry) != entry) {
                        throw e;
                    }
                    journaled = true;
                }
                journaled |= mark.sent();
                AttemptStart start = mark.start().orElseGet(() -> notSent(key));
                String attempt = mark.sent() ? "attempt " + start.attempt() : "not sent";
                ErrorRecord error = ErrorRecord.of(e);
                ErrorKind kind = e.kind();
                // 90012 (order exists) and, for a midas 1.0 refund, 90015 (already rolled back) after an attempt of
                // ours that may have been applied mean that attempt succeeded; with no such attempt, someone else's.
                boolean alreadyDone = kind == ErrorKind.DUPLICATE_ORDER
                        || (kind == ErrorKind.ORDER_ALREADY_ROLLED_BACK
                                && entry.kind() == OrderKind.REFUND
                                && entry.version() == ApiVersion.MIDAS_V1);
                if (alreadyDone) {
                    if (start.priorMaybeApplied()) {
                        return appliedByEarlierAttempt(entry, current);
                    }
                    String code = String.valueOf(e.errcode().orElse(0));
                    if (mark.sent()) {
                        // Another process on this journal (a fleet) may have started a later attempt of the same
                        // order at the same time, and its request may have reached the server before ours: then
                        // this answer is our own journal's success. Wait for that attempt to end before deciding.
                        Optional<JournalEntry> concurrent = concurrentAttemptOutcome(key, start, context.deadline());
                        if (concurrent.isPresent()) {
                            JournalEntry row = concurrent.get();
                            if (row.status() == OrderStatus.APPLIED) {
                                return appliedByConcurrentAttempt(
                                        entry,
                                        row,
                                        current,
                                        attempt + ": " + code
                                                + " after a concurrent attempt of ours (attempt " + row.attempts()
                                                + ") applied the order: applied");
                            }
                            if (row.status().unresolved()) {
                                throw unknown(
                                        entry,
                                        error,
                                        attempt + ": " + code + " while a concurrent attempt of"
                                                + " ours (attempt " + row.attempts()
                                                + ") is unresolved: it may have applied"
                                                + " the order; left for reconcile",
                                        "order " + key.orderNo() + ": answered " + code + " while another attempt of"
                                                + " this order, journaled by a concurrent process, is still unresolved; it may"
                                                + " have been applied by that attempt, so it is journaled as UNKNOWN: run"
                                                + " reconcile",
                                        e);
                            }
                            journal.finish(
                                    key,
                                    Resolution.of(
                                            OrderStatus.REJECTED,
                                            false,
                                            error,
                                            code + " and the"
                                                    + " concurrent attempt of ours ended " + row.status()
                                                    + ": the order was applied"
                                                    + " outside the bridge"),
                                    now());
                            throw e;
                        }
                    }
                    journal.finish(
                            key,
                            Resolution.of(
                                    OrderStatus.REJECTED,
                                    false,
                                    error,
                                    code
                                            + " with no earlier attempt of ours: the order was applied outside the bridge"),
                            now());
                    throw e;
                }
                if (kind == ErrorKind.ACCESS_TOKEN_UNAVAILABLE) {
                    // Nothing of this call reached the payment API (or only a request refused for its token). The
                    // order stays where it was: PENDING and not applied, unless an earlier attempt may have applied.
                    String what = (mark.sent()
                                    ? attempt + ": not applied: access token unavailable ("
                                    : "not sent: access token unavailable (")
                            + e.getMessage() + ")";
                    if (start.priorMaybeApplied()) {
                        throw unknown(
                                entry,
                                error,
                                what + "; an earlier attempt may have been applied: left for" + " reconcile",
                                "order " + key.orderNo() + ": the access token could not be fetched,"
                                        + " and an earlier attempt may have been applied; it is journaled as UNKNOWN: run"
                                        + " reconcile",
                                e);
                    }
                    journal.finish(key, Resolution.of(OrderStatus.PENDING, false, error, what), now());
                    throw e;
                }
                if (kind.mustReLogin() && !sessionRefreshed && lookup.isPresent()) {
                    Optional<PlayerSession> fresh = freshSession(lookup.get(), current);
                    if (fresh.isPresent()) {
                        // The server refused the session_key before looking at the order: not applied by this call.
                        sessionRefreshed = true;
                        current = fresh.get();
                        journal.finish(
                                key,
                                Resolution.of(
                                        OrderStatus.PENDING,
                                        start.priorMaybeApplied(),
                                        error,
                                        attempt + ": " + kind
                                                + ": fetched the player's current session_key, calling once" + " more"),
                                now());
                        continue;
                    }
                }
                if (kind.retrySameOrderSafe()) {
                    boolean maybeApplied = kind.outcomeUnknown() || start.priorMaybeApplied();
                    Duration wait = config.retry().backoffBefore(attemptsThisRun + 1);
                    boolean budgetLeft = attemptsThisRun < config.retry().maxAttempts()
                            && Duration.between(started, now())
                                            .plus(wait)
                                            .compareTo(config.retry().budget())
                                    < 0;
                    if (budgetLeft) {
                        journal.finish(
                                key,
                                Resolution.of(
                                        OrderStatus.PENDING,
                                        maybeApplied,
                                        error,
                                        attempt + ": " + kind + ", retrying in " + wait.toMillis() + " ms"),
                                now());
                        config.retry().sleeper().sleep(wait);
                        continue;
                    }
                    if (maybeApplied) {
                        throw stillUnknown(entry, error, attemptsThisRun, e);
                    }
                    journal.finish(
                            key,
                            Resolution.of(
                                    OrderStatus.FAILED,
                                    false,
                                    error,
                                    "not applied: " + kind + " after " + attemptsThisRun + " attempts"),
                            now());
                    throw e;
                }
                if (kind.mustFixConfiguration() || kind.mustReLogin()) {
                    if (start.priorMaybeApplied()) {
                        // The server refused before looking at the order: an earlier attempt may still have applied.
                        throw stillUnknown(entry, error, attemptsThisRun, e);
                    }
                    journal.finish(key, Resolution.of(OrderStatus.FAILED, false, error, "not applied: " + kind), now());
                    throw e;
                }
                // A definite answer about the order itself: per API.md section 6, no earlier attempt applied either.
                journal.finish(key, Resolution.of(OrderStatus.REJECTED, false, error, "rejected: " + kind), now());
                throw e;
            }
            mark.assumeSent();
            return applied(entry, result);
        }
    }

    /** What {@link Journal#startAttempt} would have reported, for a call that sent nothing (nothing is written). */
    private AttemptStart notSent(JournalKey key) {
        JournalEntry e =
                journal.find(key).orElseThrow(() -> new IllegalStateException("order " + key + " is not journaled"));
        return new AttemptStart(e.attempts() + 1, e.maybeApplied(), e.status());
    }

    /** The player's current session from {@code lookup}, if it has one other than {@code stale}. */
    private static Optional<PlayerSession> freshSession(SessionLookup lookup, PlayerSession stale) {
        try {
            return lookup.sessionFor(stale.openid())
                    .filter(s -> s.openid().equals(stale.openid()))
                    .filter(s -> !s.equals(stale));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "session lookup for {0} failed: {1}", stale.openid(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * The send listener of one attempt: journals the attempt as sent the first time the gateway is about to write a
     * request (later requests of the same call, e.g. after an access-token refresh, belong to the same attempt). If
     * the journal cannot be written it throws, so that the gateway does not send an order the journal does not know
     * was sent.
     */
    private final class SendMark implements CallContext.SendListener {
        private final JournalEntry entry;
        private final boolean journaled;
        private AttemptStart start;

        SendMark(JournalEntry entry, boolean journaled) {
            this.entry = entry;
            this.journaled = journaled;
        }

        @Override
        public synchronized void beforeSend() {
            if (start == null) {
                start = journaled ? journal.startAttempt(entry.key(), now()) : journal.startFirstAttempt(entry, now());
            }
        }

        /** For a gateway that answered without calling {@link #beforeSend()}: journals the attempt now. */
        synchronized void assumeSent() {
            try {
                beforeSend();
            } catch (JournalConflict conflict) {
                // Sent, and meanwhile journaled by another writer: our attempt is one more of that order.
                start = journal.startAttempt(entry.key(), now());
            }
        }

        synchronized boolean sent() {
            return start != null;
        }

        synchronized Optional<AttemptStart> start() {
            return Optional.ofNullable(start);
        }
    }

    private PaymentException unknown(
            JournalEntry entry, ErrorRecord error, String event, String message, PaymentException last) {
        journal.finish(entry.key(), Resolution.of(OrderStatus.UNKNOWN, true, error, event), now());
        return PaymentException.of(ErrorKind.SYSTEM_BUSY, entry.version(), null, null, message, last);
    }

    private PaymentException stillUnknown(JournalEntry entry, ErrorRecord error, int attempts, PaymentException last) {
        journal.finish(
                entry.key(),
                Resolution.of(
                        OrderStatus.UNKNOWN,
                        true,
                        error,
                        "still unknown after " + attempts + " attempts (" + error.kind() + "): left for reconcile"),
                now());
        return PaymentException.of(
                ErrorKind.SYSTEM_BUSY,
                entry.version(),
                null,
                null,
                "order "
                        + entry.key().orderNo() + " is still unknown after " + attempts + " attempts on "
                        + entry.version().label() + " (last: " + error.kind()
                        + "); it is journaled as UNKNOWN: run reconcile",
                last);
    }

    private static Receipt call(CurrencyGateway gateway, Operation operation, CallContext context) {
        if (operation instanceof Deduction d) {
            return gateway.deduct(d, context);
        }
        if (operation instanceof Grant g) {
            return gateway.grant(g, context);
        }
        return gateway.refund((Refund) operation, context);
    }

    /** The server's receipt, addressed to the caller's order number, journaled with the order as applied. */
    private Receipt applied(JournalEntry entry, Receipt result) {
        Receipt receipt = result.withOrderNo(callerOrderNo(entry));
        String event;
        if (receipt instanceof DeductionReceipt r) {
            event = "applied on " + entry.version().label() + ", balance " + r.balance();
        } else if (receipt instanceof GrantReceipt r) {
            event = "applied on " + entry.version().label() + ", balance " + r.balance();
        } else {
            event = "applied on " + entry.version().label();
        }
        journal.finish(entry.key(), Resolution.applied(receipt, event), now());
        return receipt;
    }

    /**
     * After a 90012 (or a midas 1.0 refund's 90015) for our attempt {@code ours}, when no earlier attempt may have
     * applied the order: whether a later attempt of the same order was journaled (by another process sharing the
     * journal, e.g. another gateway of a fleet) at the same time. Such an attempt may have reached the server first and
     * been applied, which makes this answer our journal's own success. Empty when there is none (the order was applied
     * outside the bridge, as before). Otherwise the row once that attempt ended (not PENDING any more), polling the
     * journal with a short backoff until {@code deadline}; a row still PENDING (or UNKNOWN) means it is unresolved.
     */
    private Optional<JournalEntry> concurrentAttemptOutcome(JournalKey key, AttemptStart ours, Deadline deadline) {
        JournalEntry row =
                journal.find(key).orElseThrow(() -> new IllegalStateException("order " + key + " is not journaled"));
        if (row.attempts() <= ours.attempt()) {
            return Optional.empty();
        }
        Duration pause = CONCURRENT_POLL_FIRST;
        while (row.status() == OrderStatus.PENDING && !deadline.expired()) {
            Duration left = deadline.remaining();
            config.retry().sleeper().sleep(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(CONCURRENT_POLL_MAX) < 0
                    ? pause.multipliedBy(2)
                    : CONCURRENT_POLL_MAX;
            row = journal.find(key).orElse(row);
        }
        return Optional.of(row);
    }

    /**
     * The order was applied by a concurrent attempt of ours (another process on the journal): its journaled result,
     * or, when the journal has no balance for it, the balance fetched as after our own earlier attempt.
     */
    private Receipt appliedByConcurrentAttempt(
            JournalEntry entry, JournalEntry row, PlayerSession session, String event) {
        if (row.balanceAfter().isPresent() || entry.kind() == OrderKind.REFUND) {
            Receipt receipt = journaledReceipt(row);
            journal.finish(entry.key(), Resolution.applied(receipt, event), now());
            return receipt;
        }
        return appliedByEarlierAttempt(entry, session);
    }

    private Receipt appliedByEarlierAttempt(JournalEntry entry, PlayerSession session) {
        OptionalLong balance = OptionalLong.empty();
        if (entry.kind() != OrderKind.REFUND) {
            try {
                balance = OptionalLong.of(read(
                                entry.version(),
                                session,
                                entry.key().environment(),
                                (g, context) ->
                                        g.balance(BalanceQuery.of(entry.key().player()), context))
                        .balance());
            } catch (PaymentException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "order {0} applied, but its balance could not be fetched: {1}",
                        entry.key(),
                        e.getMessage());
            }
        }
        Receipt receipt = receipt(entry, balance.orElse(-1), 0);
        journal.finish(
                entry.key(), Resolution.applied(receipt, "already done after our own earlier attempt: applied"), now());
        return receipt;
    }

    /** The receipt journaled with an applied order (one without a known balance says -1). */
    private static Receipt journaledReceipt(JournalEntry e) {
        return e.receipt().orElseGet(() -> receipt(e, -1, 0));
    }

    private static Receipt receipt(JournalEntry e, long balance, long presentUsed) {
        OrderNo order = callerOrderNo(e);
        return switch (e.kind()) {
            case DEDUCT -> new DeductionReceipt(order, balance, presentUsed, e.version());
            case GRANT -> new GrantReceipt(order, balance, e.version());
            case REFUND -> new RefundReceipt(order, e.version());
        };
    }

    /** The order number the caller used: the one sent on the wire unless the bridge remapped it. */
    private static OrderNo callerOrderNo(JournalEntry e) {
        Operation op = e.operation();
        OrderNo wire = op instanceof Deduction d
                ? d.orderNo()
                : op instanceof Grant g
                        ? g.orderNo()
                        : ((Refund) op).refundOrderNo().orElseThrow();
        return wire.value().equals(e.key().orderNo())
                ? wire
                : OrderNo.of(e.key().orderNo());
    }

    private static PaymentException rejectionOf(JournalEntry e) {
        ErrorRecord err = e.lastError().orElse(new ErrorRecord(ErrorKind.UNKNOWN_ERRCODE, null, null, null));
        return PaymentException.of(
                err.kind(),
                e.version(),
                err.errcode(),
                err.errmsg(),
                "order " + e.key().orderNo() + " was rejected earlier and the journal keeps that answer",
                null);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /**
     * A read (balance, order query): retried while safe within the retry budget, and once with the player's current
     * session_key from {@link BridgeConfig#sessionLookup()} when the server rejects the one given.
     */
    private <T> T read(
            ApiVersion version,
            PlayerSession session,
            Environment environment,
            BiFunction<CurrencyGateway, CallContext, T> call) {
        CurrencyGateway gateway = gateway(version);
        Instant started = now();
        PlayerSession current = session;
        boolean sessionRefreshed = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.apply(gateway, context(current, environment));
            } catch (PaymentException e) {
                if (e.mustReLogin()
                        && !sessionRefreshed
                        && config.sessionLookup().isPresent()) {
                    Optional<PlayerSession> fresh =
                            freshSession(config.sessionLookup().get(), current);
                    if (fresh.isPresent()) {
                        sessionRefreshed = true;
                        current = fresh.get();
                        continue;
                    }
                }
                Duration wait = config.retry().backoffBefore(attempt + 1);
                boolean budgetLeft = attempt < config.retry().maxAttempts()
                        && Duration.between(started, now())
                                        .plus(wait)
                                        .compareTo(config.retry().budget())
                                < 0;
                if (!e.retrySameOrderSafe() || !budgetLeft) {
                    throw e;
                }
                config.retry().sleeper().sleep(wait);
            }
        }
    }

    /**
     * {@code order} as it is sent to {@code version}: itself when that version accepts it (decided when the order
     * number was made), else remapped with the legacy prefix when one is configured; otherwise the typed error.
     */
    private OrderNo wireOrderNo(OrderNo order, ApiVersion version, String field) {
        if (order.isValidFor(version)) {
            return order;
        }
        if (version == ApiVersion.PAY_V2 && config.legacyOrderPrefix().isPresent()) {
            String remapped = config.legacyOrderPrefix().get() + order.value();
            try {
                return OrderNo.forVersion(field, remapped, version);
            } catch (InvalidInputException e) {
                throw InvalidInputException.of(
                        field,
                        version,
                        field + " \"" + order.value() + "\": remapped to \"" + remapped
                                + "\", which is still not valid for pay_v2 (at most 63 characters)");
            }
        }
        try {
            order.requireValidFor(field, version);
        } catch (InvalidInputException e) {
            throw InvalidInputException.of(
                    field, version, e.getMessage() + " (configure a legacy order prefix to remap such order numbers)");
        }
        return order;
    }

    private CallContext context(PlayerSession session, Environment environment) {
        return new CallContext(environment, session, Deadline.in(config.callTimeout()));
    }

    private CurrencyGateway gateway(ApiVersion version) {
        CurrencyGateway g = gateways.get(version);
        if (g == null) {
            throw PaymentException.of(
                    ErrorKind.NOT_SUPPORTED,
                    version,
                    null,
                    null,
                    "the bridge has no " + version.label() + " gateway configured",
                    null);
        }
        return g;
    }

    private static void requireSessionOf(Player player, PlayerSession session) {
        Objects.requireNonNull(session, "session");
        if (!session.openid().equals(player.openid())) {
            throw InvalidInputException.of(
                    "openid", null, "openid \"" + player.openid() + "\": the session given belongs to another player");
        }
    }

    private static String describe(JournalEntry e) {
        return "amount " + (e.amount().isPresent() ? e.amount().getAsLong() : "whole")
                + e.relatedOrderNo().map(r -> ", of " + r).orElse("");
    }

    private Instant now() {
        return config.clock().instant();
    }
}
