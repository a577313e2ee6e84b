package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** {@code bridge -V} prints the version Maven built, not a hard-coded string. */
class VersionTest {
    @Test
    void dashCapitalVPrintsTheProjectVersionFromTheBuild() {
        String expected = System.getProperty("bridge.expected.version");
        assertNotNull(expected, "surefire passes the pom's version (bridge-cli/pom.xml)");
        for (String flag : new String[] {"-V", "--version"}) {
            Cli r = Cli.run(flag);
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("midas-bridge " + expected + "\n", r.out());
        }
    }
}
