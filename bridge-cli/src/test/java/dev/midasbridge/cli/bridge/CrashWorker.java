package dev.midasbridge.cli.bridge;

import com.google.inject.Guice;
import dev.midasbridge.app.BridgeModule;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.Environment;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.ReconcileReport;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The game server of the crash test, run as its own JVM: {@code batch BASE_URL JOURNAL N} deducts orders
 * {@code crash-0 .. crash-(N-1)} (player i % 4, half of them routed to pay_v2), printing {@code done ORDER} after each;
 * {@code reconcile BASE_URL JOURNAL} resumes every unresolved order and prints the report.
 */
public final class CrashWorker {
    private CrashWorker() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        String baseUrl = args[1];
        Path journalFile = Path.of(args[2]);
        BridgeConfig config = BridgeConfig.builder().router(Router.create(RoutingPolicy.percentOnPayV2(50)))
                .callTimeout(Duration.ofMillis(400))
                .retry(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20),
                        dev.midasbridge.engine.Sleeper.REAL)).build();
        var injector = Guice.createInjector(new BridgeModule(Stack.settings(baseUrl,
                new JournalSettings.Embedded(journalFile), config)));
        GameCurrency bridge = injector.getInstance(GameCurrency.class);
        try (Journal journal = injector.getInstance(Journal.class)) {
            if (mode.equals("reconcile")) {
                ReconcileReport r = bridge.reconcile(openid -> Optional.of(session(openid)));
                System.out.println("reconciled applied=" + r.applied() + " notApplied=" + r.notApplied()
                        + " unknown=" + r.stillUnknown() + " skipped=" + r.skipped());
                return;
            }
            int n = Integer.parseInt(args[3]);
            for (int i = 0; i < n; i++) {
                String openid = "player-" + (i % 4);
                String order = "crash-" + i;
                try {
                    bridge.deduct(Deduction.of(Player.of(openid), 10, OrderNo.of(order)), session(openid),
                            Environment.PRODUCTION);
                    System.out.println("done " + order);
                } catch (PaymentException e) {
                    System.out.println("failed " + order + " " + e.kind());
                }
                System.out.flush();
            }
        }
    }

    static PlayerSession session(String openid) {
        return PlayerSession.of(openid, "session-key-" + openid.substring("player-".length()));
    }
}
