package dev.midasbridge.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.midas.v1.MidasV1Module;
import dev.midasbridge.payv2.PayV2Module;
import java.util.Map;
import java.util.Objects;

/**
 * The bridge application in Guice: installs {@link MidasV1Module} and {@link PayV2Module}, binds the access-token
 * provider and the bridge configuration, and provides one {@link Journal} and one {@link GameCurrency} over both
 * gateways. {@code Guice.createInjector(new BridgeModule(settings)).getInstance(GameCurrency.class)}.
 */
public final class BridgeModule extends AbstractModule {
    private final BridgeSettings settings;

    public BridgeModule(BridgeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        install(new MidasV1Module(settings.midasV1()));
        install(new PayV2Module(settings.payV2()));
        bind(AccessTokenProvider.class).toInstance(settings.tokens());
        bind(BridgeConfig.class).toInstance(settings.bridge());
    }

    @Provides
    @Singleton
    Journal journal() {
        return settings.journal().open();
    }

    @Provides
    @Singleton
    GameCurrency gameCurrency(Map<ApiVersion, CurrencyGateway> gateways, Journal journal, BridgeConfig config) {
        return GameCurrency.create(gateways, journal, config);
    }
}
