/** pay_v2 errcodes mapped onto the core error taxonomy. */
package dev.midasbridge.payv2.internal.error;
