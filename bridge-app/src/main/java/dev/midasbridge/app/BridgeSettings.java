package dev.midasbridge.app;

import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.midas.v1.MidasV1Config;
import dev.midasbridge.payv2.PayV2Config;
import java.util.Objects;

/**
 * Everything the bridge application needs, typed: each adapter's configuration, where access tokens come from,
 * the bridge's behaviour (routing, retries, shadow reads...) and the journal. Nothing here reads the environment.
 */
public record BridgeSettings(
        MidasV1Config midasV1,
        PayV2Config payV2,
        AccessTokenProvider tokens,
        BridgeConfig bridge,
        JournalSettings journal) {
    public BridgeSettings {
        Objects.requireNonNull(midasV1, "midasV1");
        Objects.requireNonNull(payV2, "payV2");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(journal, "journal");
    }
}
