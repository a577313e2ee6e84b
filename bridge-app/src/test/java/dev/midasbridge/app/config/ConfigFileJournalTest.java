package dev.midasbridge.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.app.JournalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal part of the config file: where an embedded journal is, and whether it may be created. */
class ConfigFileJournalTest {
    @TempDir
    Path dir;

    private JournalSettings journal(String json, Map<String, String> env) throws Exception {
        Path file = Files.createDirectories(dir.resolve("game")).resolve("bridge.json");
        Files.writeString(file, json);
        return ConfigFile.load(file, env).journal();
    }

    @Test
    void aRelativeEmbeddedPathIsRelativeToTheConfigFilesFolderNotTheCurrentOne() throws Exception {
        JournalSettings.Embedded e =
                (JournalSettings.Embedded) journal("{\"journal\": {\"embedded\": \"data/journal\"}}", Map.of());
        assertEquals(dir.resolve("game/data/journal").toAbsolutePath(), e.file());
        assertFalse(e.create(), "a journal the config names is not created");
        assertEquals(Duration.ofSeconds(30), e.lockWait());
    }

    @Test
    void createAndLockWaitAreSettings() throws Exception {
        JournalSettings.Embedded e = (JournalSettings.Embedded)
                journal("{\"journal\": {\"embedded\": \"/srv/j\", \"create\": true, \"lock_wait_ms\": 500}}", Map.of());
        assertEquals(Path.of("/srv/j"), e.file());
        assertTrue(e.create());
        assertEquals(Duration.ofMillis(500), e.lockWait());
    }

    @Test
    void withoutAJournalSettingItIsThePerUserDefault() throws Exception {
        JournalSettings.Embedded e = (JournalSettings.Embedded)
                journal("{}", Map.of("MIDAS_BRIDGE_HOME", dir.resolve("home").toString()));
        assertEquals(dir.resolve("home/journal").toAbsolutePath(), e.file());
        assertTrue(e.create(), "the default is created on first use");
        assertEquals("embedded " + dir.resolve("home/journal").toAbsolutePath(), e.describe());
    }

    @Test
    void aJournalAtTheOldDefaultMustBeNamedNotLeftBehind() throws Exception {
        Files.createDirectories(dir.resolve("game/.bridge"));
        Files.createFile(dir.resolve("game/.bridge/journal.mv.db"));
        ConfigException e = assertThrows(ConfigException.class, () -> journal("{}", Map.of()));
        assertTrue(e.getMessage().contains("a journal exists at the old default"), e.getMessage());
    }

    @Test
    void aDatabaseUrlIsDescribedWithoutItsPassword() throws Exception {
        JournalSettings j =
                journal("{\"journal\": {\"url\": \"jdbc:postgresql://db/game?password=hunter2\"}}", Map.of());
        assertFalse(j.describe().contains("hunter2"), j.describe());
    }
}
