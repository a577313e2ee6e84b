package dev.midasbridge.engine.delivery;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A client payment the bridge formed (the parameters a game client passes to {@code wx.requestMidasPayment} or
 * {@code wx.requestMidasPaymentGameItem}), journaled under its environment and {@code outTradeNo} so that the
 * delivery push naming that OutTradeNo is linked to it.
 *
 * @param productId the item, for an item purchase; empty for coins
 * @param goodsPrice the item's price in cents, for an item purchase
 * @param deliveryKey the dedup key of the push event that delivered it, once one did
 */
public record ClientPaymentRecord(
        Environment environment,
        String outTradeNo,
        String openid,
        String zoneId,
        ApiVersion version,
        long quantity,
        Optional<String> productId,
        OptionalLong goodsPrice,
        Instant createdAt,
        Optional<String> deliveryKey,
        Optional<Instant> deliveredAt) {
    public ClientPaymentRecord {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(goodsPrice, "goodsPrice");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }

    /** A payment just formed, not delivered yet. */
    public static ClientPaymentRecord formed(
            Environment environment,
            String outTradeNo,
            String openid,
            String zoneId,
            ApiVersion version,
            long quantity,
            Optional<String> productId,
            OptionalLong goodsPrice,
            Instant createdAt) {
        return new ClientPaymentRecord(
                environment,
                outTradeNo,
                openid,
                zoneId,
                version,
                quantity,
                productId,
                goodsPrice,
                createdAt,
                Optional.empty(),
                Optional.empty());
    }

    /** Whether a delivery event was linked to it. */
    public boolean delivered() {
        return deliveryKey.isPresent();
    }

    /** Whether {@code other} asks for the same payment (player, version, amounts, item), ignoring times and delivery. */
    public boolean samePaymentAs(ClientPaymentRecord other) {
        return environment == other.environment
                && outTradeNo.equals(other.outTradeNo)
                && openid.equals(other.openid)
                && zoneId.equals(other.zoneId)
                && quantity == other.quantity
                && productId.equals(other.productId)
                && goodsPrice.equals(other.goodsPrice);
    }
}
