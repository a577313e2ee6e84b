package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Turns an I/O failure of an HTTP call into the typed outcome it means: nothing sent (could not connect),
 * no answer in time, or a connection that broke after the request may have reached the server.
 */
public final class TransportFailures {
    private TransportFailures() {}

    /** The error kind {@code failure} means. */
    public static ErrorKind kindOf(IOException failure) {
        if (failure instanceof ConnectException
                || failure instanceof NoRouteToHostException
                || failure instanceof UnknownHostException) {
            return ErrorKind.CONNECTION_FAILED;
        }
        if (failure instanceof InterruptedIOException) {
            // SocketTimeoutException, and OkHttp's call timeout, are both InterruptedIOExceptions.
            return ErrorKind.TIMEOUT;
        }
        return ErrorKind.CONNECTION_DROPPED;
    }

    /** The failure in a few words, e.g. "connection refused", "timed out" (never a secret, never a URL). */
    public static String describe(IOException failure) {
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (failure instanceof UnknownHostException) {
            return "host not found";
        }
        if (failure instanceof InterruptedIOException) {
            return "timed out";
        }
        return "connection dropped (" + failure.getClass().getSimpleName() + ")";
    }

    /** The typed exception for {@code failure} on a call to {@code version}'s {@code endpoint}. */
    public static PaymentException toException(ApiVersion version, String endpoint, IOException failure) {
        ErrorKind kind = kindOf(failure);
        String what = switch (kind) {
            case CONNECTION_FAILED -> "could not connect for " + endpoint;
            case TIMEOUT -> endpoint + " got no answer before the deadline";
            default -> "the connection broke during " + endpoint;
        };
        return PaymentException.of(
                kind, version, null, null, what + " (" + failure.getClass().getSimpleName() + ")", failure);
    }
}
