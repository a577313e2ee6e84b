package dev.midasbridge.payv2;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.multibindings.MapBinder;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import jakarta.inject.Singleton;
import java.util.Objects;

/**
 * Guice bindings of the pay_v2 adapter: the gateway as {@code @PayV2Api CurrencyGateway} (one instance), also
 * added to {@code MapBinder<ApiVersion, CurrencyGateway>} under PAY_V2. The application binds
 * {@link AccessTokenProvider}.
 */
public final class PayV2Module extends AbstractModule {
    private final PayV2Config config;

    public PayV2Module(PayV2Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), ApiVersion.class, CurrencyGateway.class)
                .addBinding(ApiVersion.PAY_V2)
                .to(Key.get(CurrencyGateway.class, PayV2Api.class));
    }

    @Provides
    @Singleton
    @PayV2Api
    CurrencyGateway payV2Gateway(AccessTokenProvider tokens) {
        return PayV2.create(config, tokens);
    }
}
