package dev.midasbridge.app.standin;

import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.midas.v1.MidasV1Config;
import dev.midasbridge.payv2.PayV2Config;
import dev.midasbridge.simulator.SimulatorConfig;

/** Bridge settings that talk to a stand-in server: its base URL, and the keys and offer ids of its configuration. */
public final class StandInSettings {
    private StandInSettings() {}

    /** Settings for a bridge calling the stand-in server at {@code baseUrl}, configured with {@code server}. */
    public static BridgeSettings of(
            String baseUrl, SimulatorConfig server, JournalSettings journal, BridgeConfig bridge) {
        SimulatorConfig.MidasV1Keys k1 = server.midasV1();
        SimulatorConfig.PayV2Keys k2 = server.payV2();
        MidasV1Config v1 = MidasV1Config.builder(ApiCredentials.midasV1(
                        k1.appId(), k1.offerId(), secret(k1.appKey()), secret(k1.sandboxAppKey())))
                .baseUrl(baseUrl)
                .callTimeout(bridge.callTimeout())
                .build();
        PayV2Config v2 = PayV2Config.builder(
                        ApiCredentials.payV2(k2.offerId(), secret(k2.appKey()), secret(k2.sandboxAppKey())))
                .baseUrl(baseUrl)
                .callTimeout(bridge.callTimeout())
                .build();
        return new BridgeSettings(
                v1, v2, AccessTokenProvider.fixed(server.accessToken().reveal()), bridge, journal);
    }

    /** The stand-in's key as the bridge's secret (the simulator has its own type: it depends on no other module). */
    public static Secret secret(dev.midasbridge.simulator.Secret key) {
        return Secret.of(key.reveal());
    }
}
