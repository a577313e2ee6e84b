/** midas 1.0 errcodes mapped onto the core error taxonomy. */
package dev.midasbridge.midas.v1.internal.error;
