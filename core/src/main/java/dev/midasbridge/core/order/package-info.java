/** Order numbers ({@code bill_no}) and the rules each API version holds them to. */
package dev.midasbridge.core.order;
