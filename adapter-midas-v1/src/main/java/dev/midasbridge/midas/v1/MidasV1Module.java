package dev.midasbridge.midas.v1;

import dev.midasbridge.adapter.support.GatewayModule;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import java.util.Objects;

/**
 * Guice bindings for midas 1.0: a singleton {@link CurrencyGateway} qualified {@link MidasV1Api}, also added to the
 * {@code MapBinder<ApiVersion, CurrencyGateway>} under {@link ApiVersion#MIDAS_V1}. The application binds
 * {@link AccessTokenProvider}.
 */
public final class MidasV1Module extends GatewayModule {
    private final MidasV1Config config;

    public MidasV1Module(MidasV1Config config) {
        super(ApiVersion.MIDAS_V1, MidasV1Api.class);
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected CurrencyGateway create(AccessTokenProvider tokens) {
        return MidasV1.create(config, tokens);
    }
}
