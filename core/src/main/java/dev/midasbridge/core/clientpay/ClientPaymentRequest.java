package dev.midasbridge.core.clientpay;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.util.Objects;
import java.util.Optional;

/**
 * A player's purchase to start on the client: game coins ({@code wx.requestMidasPayment}) or, with an {@link #item()},
 * a direct item purchase ({@code wx.requestMidasPaymentGameItem}). The zone is the player's ({@link #zoneId()}).
 * {@code outTradeNo} is valid under both versions' order rules (so never begins with {@code '_'}, which the
 * platform's own filled-in numbers do) and is at most {@value #MAX_OUT_TRADE_NO} characters (the client APIs' limit);
 * {@code attach} is at most {@value #MAX_ATTACH} characters.
 */
public record ClientPaymentRequest(
        Player player,
        Environment environment,
        long buyQuantity,
        OrderNo outTradeNo,
        Optional<String> attach,
        Optional<ClientItem> item) {
    /** The client APIs take an {@code outTradeNo} of at most 32 characters. */
    public static final int MAX_OUT_TRADE_NO = 32;
    /** Our limit for {@code attach} (the pages give none; WeChat Pay's own attach allows 128). */
    public static final int MAX_ATTACH = 128;

    public ClientPaymentRequest {
        Objects.requireNonNull(player, "player");
        Objects.requireNonNull(environment, "environment");
        if (buyQuantity <= 0) {
            throw InvalidInputException.of(
                    "buyQuantity", null, "buyQuantity " + buyQuantity + ": must be greater than 0");
        }
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        outTradeNo.requireValidFor("outTradeNo", ApiVersion.PAY_V2);
        int length = outTradeNo.value().length();
        if (length > MAX_OUT_TRADE_NO) {
            throw InvalidInputException.of(
                    "outTradeNo",
                    null,
                    "outTradeNo \"" + outTradeNo.value() + "\": the client payment APIs take at most "
                            + MAX_OUT_TRADE_NO + " characters (it has " + length + ")");
        }
        Objects.requireNonNull(attach, "attach");
        if (attach.isPresent() && attach.get().length() > MAX_ATTACH) {
            throw InvalidInputException.of(
                    "attach",
                    null,
                    "attach: at most " + MAX_ATTACH + " characters (it has "
                            + attach.get().length() + ")");
        }
        Objects.requireNonNull(item, "item");
    }

    /** A purchase of {@code buyQuantity} game coins; {@code attach} may be null. */
    public static ClientPaymentRequest coins(
            Player player, Environment environment, long buyQuantity, String outTradeNo, String attach) {
        return new ClientPaymentRequest(
                player, environment, buyQuantity, orderNo(outTradeNo), Optional.ofNullable(attach), Optional.empty());
    }

    /** A direct purchase of {@code buyQuantity} of item {@code productId} at {@code goodsPrice} fen each. */
    public static ClientPaymentRequest item(
            Player player,
            Environment environment,
            long buyQuantity,
            String outTradeNo,
            String productId,
            long goodsPrice,
            String attach) {
        return new ClientPaymentRequest(
                player,
                environment,
                buyQuantity,
                orderNo(outTradeNo),
                Optional.ofNullable(attach),
                Optional.of(new ClientItem(productId, goodsPrice)));
    }

    private static OrderNo orderNo(String value) {
        return OrderNo.forVersion("outTradeNo", value, ApiVersion.PAY_V2);
    }

    /** The zone: the player's {@code zone_id}. */
    public String zoneId() {
        return player.zoneId();
    }

    /** Whether this is a direct item purchase ({@code wx.requestMidasPaymentGameItem}). */
    public boolean isItemPurchase() {
        return item.isPresent();
    }
}
