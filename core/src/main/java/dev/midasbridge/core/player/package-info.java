/** The player: openid and zone. */
package dev.midasbridge.core.player;
