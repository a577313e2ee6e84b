/** Translation of a midas 1.0 request into the pay_v2 request that asks for the same thing, through core. */
package dev.midasbridge.conformance.translation;
