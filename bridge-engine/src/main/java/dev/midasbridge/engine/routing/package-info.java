/** Routing players between midas 1.0 and pay_v2 during a migration: percentages, lists, per environment. */
package dev.midasbridge.engine.routing;
