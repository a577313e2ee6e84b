package dev.midasbridge.gateway;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.DeliveryJournals;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
import dev.midasbridge.core.push.PushChannelSecurity;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.delivery.ClientPayments;
import dev.midasbridge.engine.delivery.DeliveryJournal;
import dev.midasbridge.engine.delivery.PushDeliveries;
import dev.midasbridge.payv2.PayV2Push;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;

/**
 * Builds the push endpoint and the client-payment endpoint from the gateway's injector and {@link PushSettings}, and
 * puts them in front of the API handler ({@link BridgeRoutes}). The delivery journal lives in the journal's database.
 */
final class PushWiring implements AutoCloseable {
    private final Optional<GameWebhook> webhook;
    private final Optional<PushEndpoint> push;
    private final Optional<ClientPaymentEndpoint> clientPayment;
    private final PushSettings settings;

    private PushWiring(
            PushSettings settings,
            Optional<GameWebhook> webhook,
            Optional<PushEndpoint> push,
            Optional<ClientPaymentEndpoint> clientPayment) {
        this.settings = settings;
        this.webhook = webhook;
        this.push = push;
        this.clientPayment = clientPayment;
    }

    static PushWiring create(
            Injector injector,
            BridgeSettings bridgeSettings,
            GatewaySettings gateway,
            PushSettings settings,
            GatewayMetrics gatewayMetrics,
            SessionStore sessions,
            GameCurrency bridge) {
        if (settings.push().isEmpty() && settings.clientPayment().isEmpty()) {
            return new PushWiring(settings, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Clock clock = Clock.systemUTC();
        DeliveryJournal journal = DeliveryJournals.of(bridge.journal());
        PushMetrics metrics = new PushMetrics(gatewayMetrics.registry());
        Optional<GameWebhook> webhook = Optional.empty();
        Optional<PushEndpoint> push = Optional.empty();
        if (settings.push().isPresent()) {
            PushSettings.Push p = settings.push().get();
            PushChannelSecurity channel = p.encodingAesKey().isPresent()
                    ? PushChannelSecurity.safe(p.token(), p.encodingAesKey().get(), p.appId())
                    : PushChannelSecurity.plain(p.token());
            PayV2Push verifier = PayV2Push.create(bridgeSettings.payV2().credentials(), channel);
            GameWebhook w = new GameWebhook(p.webhookUrl(), p.webhookToken(), p.forwardUrl(), p.webhookTimeout());
            PushDeliveries deliveries = PushDeliveries.builder(journal)
                    .clock(clock)
                    .lease(p.claim())
                    .maxAttempts(p.maxAttempts())
                    .backoff(p.initialBackoff(), p.maxBackoff())
                    .inFlightWait(p.inFlightWait())
                    .build();
            webhook = Optional.of(w);
            push = Optional.of(new PushEndpoint(
                    verifier, deliveries, w, metrics, clock, gateway.maxBodyBytes(), gateway.bodyTimeout()));
        }
        Optional<ClientPaymentEndpoint> clientPayment = Optional.empty();
        if (settings.clientPayment().isPresent()) {
            Map<ApiVersion, ClientPaymentFormer> formers =
                    injector.getInstance(Key.get(new TypeLiteral<Map<ApiVersion, ClientPaymentFormer>>() {}));
            ClientPayments payments = ClientPayments.create(formers, bridge.router(), journal, clock);
            clientPayment = Optional.of(new ClientPaymentEndpoint(
                    settings.clientPayment().get().token(),
                    payments,
                    sessions,
                    metrics,
                    gateway.maxBodyBytes(),
                    gateway.bodyTimeout()));
        }
        return new PushWiring(settings, webhook, push, clientPayment);
    }

    /** {@code api} behind the configured endpoints (or {@code api} itself when none is). */
    Handler routes(Handler api) {
        if (push.isEmpty() && clientPayment.isEmpty()) {
            return api;
        }
        return new BridgeRoutes(
                settings.push().map(PushSettings.Push::path),
                push,
                settings.clientPayment().map(PushSettings.ClientPayment::path),
                clientPayment,
                api);
    }

    @Override
    public void close() {
        webhook.ifPresent(GameWebhook::close);
    }
}
