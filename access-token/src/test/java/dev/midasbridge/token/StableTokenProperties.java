package dev.midasbridge.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.midasbridge.core.credentials.Secret;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import okhttp3.mockwebserver.MockWebServer;

class StableTokenProperties {
    private MockWebServer server;

    @BeforeProperty
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterProperty
    void stop() throws IOException {
        server.shutdown();
    }

    /** A token lifetime, a renewal margin below it, and how long after the fetch the token is asked for again. */
    record Timing(long expiresIn, long margin, long elapsed) {}

    @Property(tries = 100)
    void aTokenIsReusedExactlyUntilMarginBeforeItsExpiry(@ForAll("timings") Timing t) {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        StableTokenProvider provider = StableTokenProvider.create(StableTokenConfig.builder("wx1", Secret.of("s"))
                .baseUrl(server.url("/").toString())
                .clock(clock)
                .margin(Duration.ofSeconds(t.margin()))
                .build());
        int before = server.getRequestCount();
        server.enqueue(StableTokenProviderTest.token("FIRST", t.expiresIn()));
        server.enqueue(StableTokenProviderTest.token("SECOND", t.expiresIn()));
        provider.current();
        clock.advance(Duration.ofSeconds(t.elapsed()));
        boolean reused = t.elapsed() < t.expiresIn() - t.margin();
        assertEquals(reused ? "FIRST" : "SECOND", provider.current().value().reveal());
        assertEquals(reused ? 1 : 2, server.getRequestCount() - before);
        if (reused) {
            provider.current();
            provider.invalidate(provider.current());
            assertEquals("SECOND", provider.current().value().reveal());
        }
    }

    @Provide
    Arbitrary<Timing> timings() {
        return Arbitraries.longs()
                .between(2, 100_000)
                .flatMap(expiresIn -> Combinators.combine(
                                Arbitraries.longs().between(0, expiresIn - 1),
                                Arbitraries.longs().between(0, expiresIn + 10))
                        .as((margin, elapsed) -> new Timing(expiresIn, margin, elapsed)));
    }
}
