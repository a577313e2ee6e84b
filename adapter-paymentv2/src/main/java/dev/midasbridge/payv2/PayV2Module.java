package dev.midasbridge.payv2;

import com.google.inject.Key;
import com.google.inject.multibindings.MapBinder;
import dev.midasbridge.adapter.support.GatewayModule;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import java.util.Objects;

/**
 * Guice bindings of the pay_v2 adapter: the gateway as {@code @PayV2Api CurrencyGateway} (one instance), also
 * added to {@code MapBinder<ApiVersion, CurrencyGateway>} under PAY_V2. The application binds
 * {@link AccessTokenProvider}.
 */
public final class PayV2Module extends GatewayModule {
    private final PayV2Config config;

    public PayV2Module(PayV2Config config) {
        super(ApiVersion.PAY_V2, PayV2Api.class);
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected CurrencyGateway create(AccessTokenProvider tokens) {
        return PayV2.create(config, tokens);
    }

    /** Also binds {@code @PayV2Api ClientPaymentFormer}, added to {@code MapBinder<ApiVersion, ClientPaymentFormer>}. */
    @Override
    protected void configureAdapter() {
        Key<ClientPaymentFormer> key = Key.get(ClientPaymentFormer.class, PayV2Api.class);
        bind(key).toInstance(PayV2ClientPayments.create(config));
        MapBinder.newMapBinder(binder(), ApiVersion.class, ClientPaymentFormer.class)
                .addBinding(ApiVersion.PAY_V2)
                .to(key);
    }
}
