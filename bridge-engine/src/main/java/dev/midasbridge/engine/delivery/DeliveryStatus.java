package dev.midasbridge.engine.delivery;

/** Where a journaled push event stands. */
public enum DeliveryStatus {
    /** Journaled; the game's handler has not accepted it yet (it may have seen it: see {@code maybeDelivered}). */
    RECEIVED,
    /** The game's handler accepted it: every later copy of the push is answered success without a new delivery. */
    DELIVERED
}
