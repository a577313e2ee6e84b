package dev.midasbridge.engine.delivery;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.clientpay.ClientItem;
import dev.midasbridge.core.clientpay.ClientPaymentForm;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
import dev.midasbridge.core.clientpay.ClientPaymentRequest;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.routing.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Client payments, routed: the parameters a game client passes to {@code wx.requestMidasPayment} (coins) or {@code
 * wx.requestMidasPaymentGameItem} (an item) for the version the player is routed to — midas 1.0's plain parameters
 * with the 1.0 offer id, or pay_v2's signed {@code signData} with the 2.0 offer id — each journaled in the {@link
 * DeliveryJournal} under its environment and {@code outTradeNo}, so that the delivery push naming that OutTradeNo is
 * linked to it.
 *
 * <p>Coins follow the routing policy like every new order. A direct item purchase exists only in pay_v2 and moves no
 * coins, so it is formed for pay_v2 whatever the policy. An {@code outTradeNo} given again for the same payment gets
 * the version it was first formed for; given for another payment it is refused. Without one, a new one is made: 32
 * characters of {@code 0-9a-z}, valid under both versions' order rules (never a leading {@code '_'}, which the
 * platform's own filled-in numbers have).
 */
public final class ClientPayments {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A formed payment: what the client gets, and what was journaled. */
    public record Formed(ClientPaymentForm form, ClientPaymentRecord record) {}

    private final Map<ApiVersion, ClientPaymentFormer> formers;
    private final Router router;
    private final DeliveryJournal journal;
    private final Clock clock;

    private ClientPayments(
            Map<ApiVersion, ClientPaymentFormer> formers, Router router, DeliveryJournal journal, Clock clock) {
        this.formers = new EnumMap<>(formers);
        this.router = router;
        this.journal = journal;
        this.clock = clock;
    }

    /** Client payments with one former per version (each adapter's), routed by {@code router}, journaled in {@code journal}. */
    public static ClientPayments create(
            Map<ApiVersion, ClientPaymentFormer> formers, Router router, DeliveryJournal journal, Clock clock) {
        Objects.requireNonNull(formers, "formers");
        for (ApiVersion v : ApiVersion.values()) {
            Objects.requireNonNull(formers.get(v), "client payment former for " + v);
        }
        return new ClientPayments(
                formers,
                Objects.requireNonNull(router, "router"),
                Objects.requireNonNull(journal, "journal"),
                Objects.requireNonNull(clock, "clock"));
    }

    /** A new outTradeNo: 32 random characters of {@code 0-9a-z} (valid for midas 1.0, pay_v2 and the client APIs). */
    public static String newOutTradeNo() {
        char[] c = new char[ClientPaymentRequest.MAX_OUT_TRADE_NO];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** The version a payment of {@code player} in {@code environment} goes to now ({@code item}: always pay_v2). */
    public ApiVersion route(Player player, Environment environment, boolean item) {
        return item ? ApiVersion.PAY_V2 : router.route(player, environment);
    }

    /**
     * Forms and journals the payment. {@code outTradeNo} empty: a new one. {@code item} present: a direct item
     * purchase. {@code session} is the player's current login (pay_v2 signs with its session_key; midas 1.0 needs
     * none). Bad input: {@code InvalidInputException} naming the field; a pay_v2 payment without a session: {@code
     * ReLoginRequiredException}.
     */
    public Formed form(
            Player player,
            Environment environment,
            long buyQuantity,
            Optional<String> outTradeNo,
            Optional<ClientItem> item,
            Optional<String> attach,
            Optional<PlayerSession> session) {
        Objects.requireNonNull(player, "player");
        Objects.requireNonNull(environment, "environment");
        String otn = outTradeNo.orElseGet(ClientPayments::newOutTradeNo);
        ClientPaymentRequest request = item.isPresent()
                ? ClientPaymentRequest.item(
                        player,
                        environment,
                        buyQuantity,
                        otn,
                        item.get().productId(),
                        item.get().goodsPrice(),
                        attach.orElse(null))
                : ClientPaymentRequest.coins(player, environment, buyQuantity, otn, attach.orElse(null));
        ApiVersion version = route(player, environment, item.isPresent());
        ClientPaymentRecord intent = ClientPaymentRecord.formed(
                environment,
                otn,
                player.openid(),
                player.zoneId(),
                version,
                buyQuantity,
                item.map(ClientItem::productId),
                item.map(i -> OptionalLong.of(i.goodsPrice())).orElse(OptionalLong.empty()),
                clock.instant());
        Optional<ClientPaymentRecord> known = journal.findClientPayment(environment, otn);
        if (known.isPresent()) {
            if (!known.get().samePaymentAs(intent)) {
                throw InvalidInputException.of(
                        "outTradeNo",
                        null,
                        "outTradeNo \"" + otn + "\" is already journaled for another payment (player, quantity or"
                                + " item differ); use a new one");
            }
            version = known.get().version();
            intent = known.get();
        }
        ClientPaymentFormer former = formers.get(version);
        PlayerSession s;
        if (version == ApiVersion.PAY_V2) {
            s = session.filter(p -> p.openid().equals(player.openid()))
                    .orElseThrow(() -> PaymentException.of(
                            ErrorKind.SESSION_EXPIRED,
                            ApiVersion.PAY_V2,
                            null,
                            null,
                            "no session_key known for openid " + player.openid()
                                    + ": pay_v2's client signature needs the player's current login",
                            null));
        } else {
            s = session.orElse(null);
        }
        ClientPaymentForm form = former.form(request, s);
        ClientPaymentRecord stored = journal.recordClientPayment(intent);
        if (!stored.samePaymentAs(intent) || stored.version() != form.version()) {
            throw InvalidInputException.of(
                    "outTradeNo",
                    null,
                    "outTradeNo \"" + otn + "\" was journaled for another payment at the same moment; use a new one");
        }
        return new Formed(form, stored);
    }
}
