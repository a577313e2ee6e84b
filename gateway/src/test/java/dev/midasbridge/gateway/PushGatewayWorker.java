package dev.midasbridge.gateway;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** One gateway process with its push endpoints ({@link PushFlowEndToEndTest}): prints its URLs, runs until killed. */
public final class PushGatewayWorker {
    private PushGatewayWorker() {}

    public static void main(String[] args) throws InterruptedException {
        GatewayConfigFile.Loaded loaded = GatewayConfigFile.load(Path.of(args[0]), System.getenv());
        Gateway g = Gateway.start(loaded.bridge(), loaded.gateway(), loaded.push());
        System.out.println("admin " + g.adminUrl().orElseThrow());
        System.out.println("listening " + g.baseUrl());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            g.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
