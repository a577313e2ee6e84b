/** The payment operations (balance, deduct, refund, grant, order query) and their results, version-neutral. */
package dev.midasbridge.core.operation;
