package dev.midasbridge.cli.bridge;

import dev.midasbridge.cli.BridgeCli;
import java.util.HashMap;
import java.util.Map;

/**
 * One game-server process of {@link ConcurrentCliProcessesTest}: {@code CONFIG PLAYER:ORDER...} runs
 * {@code bridge pay} once per order, in this JVM one after another (each opens and closes the journal, as separate
 * CLI runs do), prints {@code exit ORDER CODE millis} and exits with the highest code.
 */
public final class PayWorker {
    private PayWorker() {}

    public static void main(String[] args) {
        String config = args[0];
        int worst = 0;
        for (int i = 1; i < args.length; i++) {
            String[] po = args[i].split(":");
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put(
                    "MIDAS_BRIDGE_SESSION_KEY",
                    CrashWorker.session(po[0]).sessionKey().reveal());
            long start = System.nanoTime();
            int code = BridgeCli.execute(
                    System.out,
                    System.err,
                    env,
                    "pay",
                    "--openid",
                    po[0],
                    "--amount",
                    "10",
                    "--order",
                    po[1],
                    "--config",
                    config);
            System.out.println("exit " + po[1] + " " + code + " " + (System.nanoTime() - start) / 1_000_000);
            System.out.flush();
            worst = Math.max(worst, code);
        }
        System.exit(worst);
    }
}
