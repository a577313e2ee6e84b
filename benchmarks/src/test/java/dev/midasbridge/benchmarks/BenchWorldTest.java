package dev.midasbridge.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.midasbridge.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

/** The JSON file the separate simulator JVM reads describes the same world the load clients sign for. */
class BenchWorldTest {

    @Test
    void theJsonFileIsTheSameConfigurationAsTheOneBuiltInCode() {
        SimulatorConfig inCode = BenchWorld.config(64);
        SimulatorConfig fromFile = SimulatorConfig.parse(BenchWorld.json(64));

        assertEquals(inCode.accessToken(), fromFile.accessToken());
        assertEquals(inCode.midasV1(), fromFile.midasV1());
        assertEquals(inCode.payV2(), fromFile.payV2());
        assertEquals(inCode.players(), fromFile.players());
        assertEquals(64, fromFile.players().size());
    }
}
