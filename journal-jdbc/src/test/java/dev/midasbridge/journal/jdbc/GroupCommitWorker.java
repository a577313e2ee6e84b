package dev.midasbridge.journal.jdbc;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The process that {@link GroupCommitCrashTest} kills: {@code embedded FILE} or {@code pg PREFIX}; 64 threads deduct
 * orders {@code w<thread>-<i>} through a bridge on that journal (group commit on) until killed, and print
 * {@code answered ORDER} the moment a deduction returned.
 */
public final class GroupCommitWorker {
    static final int CALLERS = 64;

    private GroupCommitWorker() {}

    public static void main(String[] args) throws Exception {
        JdbcJournal journal =
                args[0].equals("embedded") ? JdbcJournal.embedded(Path.of(args[1])) : PostgresFixture.open(args[1], 8);
        GameCurrency bridge = GameCurrency.create(
                Map.of(ApiVersion.MIDAS_V1, new LedgerGateway()),
                journal,
                BridgeConfig.builder()
                        .router(Router.create(RoutingPolicy.allMidasV1()))
                        .retry(RetryPolicy.defaults().withoutSleeping())
                        .build());
        PrintStream out = System.out;
        out.println("ready");
        out.flush();
        for (int t = 0; t < CALLERS; t++) {
            int caller = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String order = "w" + caller + "-" + i;
                    bridge.deduct(
                            Deduction.of(CommitsPerDeductionContract.ALICE, 1, OrderNo.of(order)),
                            CommitsPerDeductionContract.SESSION,
                            Environment.PRODUCTION);
                    synchronized (out) {
                        out.println("answered " + order);
                        out.flush();
                    }
                }
            });
            thread.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
