/** The journal: every coin-moving order recorded before it is sent, so nothing is lost or applied twice. */
package dev.midasbridge.engine.journal;
