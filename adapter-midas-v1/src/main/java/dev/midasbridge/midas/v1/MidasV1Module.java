package dev.midasbridge.midas.v1;

import com.google.inject.Key;
import com.google.inject.multibindings.MapBinder;
import dev.midasbridge.adapter.support.GatewayModule;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
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

    /** Also binds {@code @MidasV1Api ClientPaymentFormer}, added to {@code MapBinder<ApiVersion, ClientPaymentFormer>}. */
    @Override
    protected void configureAdapter() {
        Key<ClientPaymentFormer> key = Key.get(ClientPaymentFormer.class, MidasV1Api.class);
        bind(key).toInstance(MidasV1ClientPayments.create(config));
        MapBinder.newMapBinder(binder(), ApiVersion.class, ClientPaymentFormer.class)
                .addBinding(ApiVersion.MIDAS_V1)
                .to(key);
    }
}
