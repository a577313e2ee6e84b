/**
 * The conformance runner: checks an implementation (midas-bridge's own, or an external {@code --signer} process)
 * against vector files. {@link dev.midasbridge.conformance.Conformance} is the entry point.
 */
package dev.midasbridge.conformance;
