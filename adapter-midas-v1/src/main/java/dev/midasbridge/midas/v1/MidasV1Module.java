package dev.midasbridge.midas.v1;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import java.util.Objects;

/**
 * Guice bindings for midas 1.0: a singleton {@link CurrencyGateway} qualified {@link MidasV1Api}, also added to the
 * {@code MapBinder<ApiVersion, CurrencyGateway>} under {@link ApiVersion#MIDAS_V1}. The application binds
 * {@link AccessTokenProvider}.
 */
public final class MidasV1Module extends AbstractModule {
    private final MidasV1Config config;

    public MidasV1Module(MidasV1Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void configure() {
        requireBinding(AccessTokenProvider.class);
        MapBinder.newMapBinder(binder(), ApiVersion.class, CurrencyGateway.class)
                .addBinding(ApiVersion.MIDAS_V1)
                .to(Key.get(CurrencyGateway.class, MidasV1Api.class));
    }

    @Provides
    @Singleton
    @MidasV1Api
    CurrencyGateway midasV1Gateway(AccessTokenProvider tokens) {
        return MidasV1.create(config, tokens);
    }
}
