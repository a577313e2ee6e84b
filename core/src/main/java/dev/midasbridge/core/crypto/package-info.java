/** HMAC-SHA256 in lowercase hex, and constant-time comparison of signatures and secrets. */
package dev.midasbridge.core.crypto;
