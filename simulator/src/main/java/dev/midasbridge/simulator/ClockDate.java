package dev.midasbridge.simulator;

import java.time.Clock;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Every answer's {@code Date} header from the stand-in's own clock ({@code Options.withClock}), as a real server's
 * comes from its clock: a stand-in started with a clock ahead of this machine's lets {@code bridge doctor} see
 * a machine clock too far from the server's, over real HTTP.
 */
final class ClockDate implements HttpConfiguration.Customizer {
    private final Clock clock;

    ClockDate(Clock clock) {
        this.clock = clock;
    }

    /** Jetty's own Date header is switched off and this one put in its place. */
    static void install(HttpConfiguration http, Clock clock) {
        http.setSendDateHeader(false);
        http.addCustomizer(new ClockDate(clock));
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        responseHeaders.put(HttpHeader.DATE, DateGenerator.formatDate(clock.millis()));
        return request;
    }
}
