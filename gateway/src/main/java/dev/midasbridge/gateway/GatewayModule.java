package dev.midasbridge.gateway;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.engine.GameCurrency;
import java.time.Clock;

/**
 * The gateway's own bindings, installed beside the bridge application's module through
 * {@code BridgeApplication.injector(settings, new GatewayModule(...))}: its database tables, session store,
 * metrics, upstream, the payment service and the reconciler.
 */
final class GatewayModule extends AbstractModule {
    private final BridgeSettings bridge;
    private final GatewaySettings settings;
    private final SessionCipher cipher;

    GatewayModule(BridgeSettings bridge, GatewaySettings settings) {
        this.bridge = bridge;
        this.settings = settings;
        this.cipher = settings.sessionEncryptionKey()
                .map(k -> SessionCipher.fromBase64(k, settings.sessionEncryptionKeyEnv()))
                .orElseGet(SessionCipher::random);
    }

    @Override
    protected void configure() {
        bind(GatewaySettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    GatewayDatabase database(dev.midasbridge.engine.journal.Journal journal) {
        // The journal first: it creates (or checks) the embedded file and its check file; the gateway's tables then
        // join that database. Opened the other way round, the journal would find a file without a check file.
        return GatewayDatabase.open(bridge.journal(), 4);
    }

    @Provides
    @Singleton
    SessionStore sessions(GatewayDatabase db) {
        return new SessionStore(db.dataSource(), cipher, settings.sessionTtl(), Clock.systemUTC());
    }

    @Provides
    @Singleton
    GatewayMetrics metrics(GameCurrency currency) {
        GatewayMetrics m = new GatewayMetrics();
        m.pendingOrders(currency.journal());
        m.shadowReads(currency.shadowReport());
        return m;
    }

    @Provides
    @Singleton
    StatusSampler status(GatewayMetrics metrics, GameCurrency currency) {
        return new StatusSampler(
                metrics.registry(),
                currency.router(),
                currency.journal(),
                Clock.systemUTC(),
                StatusSampler.DEFAULT_INTERVAL,
                StatusSampler.DEFAULT_CAPACITY);
    }

    @Provides
    @Singleton
    Upstream upstream() {
        return new Upstream(settings.upstreamBaseUrl(), settings.upstreamTimeout(), 32);
    }

    @Provides
    @Singleton
    PaymentService payments(GameCurrency currency, SessionStore sessions, GatewayMetrics metrics) {
        return new PaymentService(
                currency,
                sessions,
                bridge.midasV1().credentials(),
                bridge.payV2().credentials(),
                metrics);
    }

    @Provides
    @Singleton
    Reconciler reconciler(
            GameCurrency currency,
            SessionStore sessions,
            GatewayDatabase db,
            GatewayMetrics metrics,
            PaymentService payments) {
        return new Reconciler(
                currency, sessions, db, metrics, settings.reconcileInterval(), Clock.systemUTC(), payments::busy);
    }
}
