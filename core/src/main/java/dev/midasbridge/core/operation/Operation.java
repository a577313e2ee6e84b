package dev.midasbridge.core.operation;

import dev.midasbridge.core.player.Player;

/** A request to one of the payment operations, in terms of the domain; each adapter maps it to its wire format. */
public sealed interface Operation permits BalanceQuery, Deduction, Refund, Grant, OrderQuery {
    /** Whose account the operation acts on. */
    Player player();

    /** The operation's name in both APIs' paths: getbalance, pay, cancelpay, present, queryorderinfo. */
    String endpoint();

    /** Whether the operation moves coins (and so must not be applied twice). */
    default boolean mutates() {
        return this instanceof Deduction || this instanceof Refund || this instanceof Grant;
    }
}
