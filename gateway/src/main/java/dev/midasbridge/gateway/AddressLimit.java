package dev.midasbridge.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code perAddress} open connections from one client address (Jetty limits connections in all, not per
 * address): a connection past the limit is closed as soon as it opens, so one client flooding the gateway with silent
 * connections cannot take the whole {@code max_connections} from the others. Added to the API connector as a bean.
 */
final class AddressLimit implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(AddressLimit.class);

    private final int perAddress;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    AddressLimit(int perAddress) {
        this.perAddress = perAddress;
    }

    @Override
    public void onOpened(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return;
        }
        InetAddress address = inet.getAddress();
        counted.put(connection, address);
        int n = open.merge(address, 1, Integer::sum);
        if (n > perAddress) {
            LOG.warn(
                    "closing a connection from {}: {} open from that address (limit {})",
                    address.getHostAddress(),
                    n,
                    perAddress);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (k, v) -> v <= 1 ? null : v - 1);
        }
    }

    /** Connections open from {@code address} now (for tests and metrics). */
    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }
}
