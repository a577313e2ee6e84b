/**
 * A stand-in server for WeChat's midas 1.0 and pay_v2 server APIs: {@link dev.midasbridge.simulator.StandInServer}
 * in-process, {@link dev.midasbridge.simulator.Main} standalone.
 */
package dev.midasbridge.simulator;
