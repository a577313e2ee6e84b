package dev.midasbridge.adapter.support;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import com.google.inject.multibindings.MapBinder;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import java.lang.annotation.Annotation;
import java.util.Objects;

/**
 * The Guice bindings of one adapter: one {@link CurrencyGateway} (a singleton) under the adapter's qualifier, also in
 * {@code MapBinder<ApiVersion, CurrencyGateway>} under its version. The application binds
 * {@link AccessTokenProvider}.
 */
public abstract class GatewayModule extends AbstractModule {
    private final ApiVersion version;
    private final Class<? extends Annotation> qualifier;

    protected GatewayModule(ApiVersion version, Class<? extends Annotation> qualifier) {
        this.version = Objects.requireNonNull(version, "version");
        this.qualifier = Objects.requireNonNull(qualifier, "qualifier");
    }

    /** The gateway, built once per injector with the application's access-token provider. */
    protected abstract CurrencyGateway create(AccessTokenProvider tokens);

    @Override
    protected final void configure() {
        requireBinding(AccessTokenProvider.class);
        Key<CurrencyGateway> key = Key.get(CurrencyGateway.class, qualifier);
        Provider<AccessTokenProvider> tokens = getProvider(AccessTokenProvider.class);
        bind(key)
                .toProvider((Provider<CurrencyGateway>) () -> create(tokens.get()))
                .in(Scopes.SINGLETON);
        MapBinder.newMapBinder(binder(), ApiVersion.class, CurrencyGateway.class)
                .addBinding(version)
                .to(key);
        configureAdapter();
    }

    /** More bindings of the adapter (e.g. its client payment former); none by default. */
    protected void configureAdapter() {}

    /** The adapter's version. */
    protected final ApiVersion version() {
        return version;
    }

    /** The adapter's binding annotation (e.g. {@code @PayV2Api}). */
    protected final Class<? extends Annotation> qualifier() {
        return qualifier;
    }
}
