/**
 * Exactly-once delivery of WeChat's payment push events to the game, and the journal of client payments the events
 * are matched to: the {@link dev.midasbridge.engine.delivery.DeliveryJournal} port, its in-memory implementation,
 * and {@link dev.midasbridge.engine.delivery.PushDeliveries}, which journals an event before the game's handler sees
 * it and answers WeChat only after the handler accepted it.
 */
package dev.midasbridge.engine.delivery;
