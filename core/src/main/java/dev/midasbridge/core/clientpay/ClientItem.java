package dev.midasbridge.core.clientpay;

import dev.midasbridge.core.error.InvalidInputException;

/** The item of a direct item purchase (道具直购): its {@code productId} and {@code goodsPrice} in fen (&gt; 0). */
public record ClientItem(String productId, long goodsPrice) {
    public ClientItem {
        if (productId == null || productId.isBlank()) {
            throw InvalidInputException.of("productId", null, "productId: must not be empty");
        }
        if (goodsPrice <= 0) {
            throw InvalidInputException.of(
                    "goodsPrice", null, "goodsPrice " + goodsPrice + ": must be greater than 0 (fen)");
        }
    }
}
