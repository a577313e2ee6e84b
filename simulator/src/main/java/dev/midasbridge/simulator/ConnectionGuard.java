package dev.midasbridge.simulator;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every connection (Jetty adds it to each one as a {@link Connection.Listener}): closes a connection over the
 * per-address limit as soon as it opens (Jetty 12 has a limit for all connections, {@code NetworkConnectionLimit},
 * but none per client address), and closes a connection that keeps sending bytes without ever completing a request's
 * headers for a whole header timeout (slowloris; a silent one is left to the idle timeout).
 */
final class ConnectionGuard implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    /** What the guard knows of one connection. */
    private static final class Watch {
        final InetAddress address;
        volatile long requests;
        volatile boolean inRequest;
        long seenRequests;
        long seenBytes;
        boolean pending;

        Watch(InetAddress address) {
            this.address = address;
        }
    }

    private final int perAddress;
    private final long periodMillis;
    private final Scheduler timer;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();
    private volatile boolean running;

    ConnectionGuard(int perAddress, Duration headerTimeout, Scheduler timer) {
        this.perAddress = perAddress;
        // Two checks per header timeout: a connection is closed at the second check that finds bytes came in and no
        // request started, so headers dribbled for between one half and one whole header timeout are refused.
        this.periodMillis = Math.max(50, headerTimeout.toMillis() / 2);
        this.timer = timer;
    }

    void start() {
        running = true;
        timer.schedule(this::check, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        Watch w = new Watch(address);
        watches.put(connection, w);
        if (address == null) {
            return;
        }
        int n = open.merge(address, 1, Integer::sum);
        if (n > perAddress) {
            LOG.warn(
                    "closing a connection from {}: it would be the {}th open from that address (limit {})",
                    address.getHostAddress(),
                    n,
                    perAddress);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        Watch w = watches.remove(connection);
        if (w != null && w.address != null) {
            open.computeIfPresent(w.address, (k, v) -> v <= 1 ? null : v - 1);
        }
    }

    /** A request's headers are in: the connection is no longer dribbling them. */
    void requestStarted(Connection connection) {
        Watch w = watches.get(connection);
        if (w != null) {
            w.requests++;
            w.inRequest = true;
        }
    }

    /** The request is answered; the next one's headers are timed from here. */
    void requestEnded(Connection connection) {
        Watch w = watches.get(connection);
        if (w != null) {
            w.inRequest = false;
        }
    }

    /** How many connections are open from {@code address} (for tests). */
    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private void check() {
        if (!running) {
            return;
        }
        try {
            for (Map.Entry<Connection, Watch> e : watches.entrySet()) {
                Connection c = e.getKey();
                Watch w = e.getValue();
                long requests = w.requests;
                long bytes = c.getBytesIn();
                if (w.inRequest || requests != w.seenRequests) {
                    w.pending = false;
                } else if (bytes != w.seenBytes) {
                    if (w.pending) {
                        LOG.warn(
                                "closing a connection from {}: its request headers did not arrive within the header timeout",
                                w.address == null ? "?" : w.address.getHostAddress());
                        c.getEndPoint().close();
                    }
                    w.pending = true;
                }
                w.seenRequests = requests;
                w.seenBytes = bytes;
            }
        } finally {
            if (running) {
                timer.schedule(this::check, periodMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    void stop() {
        running = false;
    }

    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress isa ? isa.getAddress() : null;
    }
}
