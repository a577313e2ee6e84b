/** midas 1.0 request signing: {@code sig} (AppKey) and {@code mp_sig} (session_key). */
package dev.midasbridge.midas.v1.internal.sign;
