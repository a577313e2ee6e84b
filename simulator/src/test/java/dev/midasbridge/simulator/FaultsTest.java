package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.BOB;
import static dev.midasbridge.simulator.Wire.errcode;
import static dev.midasbridge.simulator.Wire.extra;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults on demand, per endpoint, player and order: what the client sees and whether the operation was applied. */
class FaultsTest {
    private final Wire wire = Wire.start();

    @AfterEach
    void stop() {
        wire.close();
    }

    private Map<String, Object> pay(String openid, String billNo) {
        return wire.v2("pay", openid, 0, extra("amount", 10, "bill_no", billNo));
    }

    private long balance(String openid) {
        return wire.admin().balance(Environment.PRODUCTION, openid, "1").balance();
    }

    @Test
    void busyAnswersMinusOneForTheNextNCallsWithoutApplying() {
        wire.admin().addFault(Fault.of(FaultKind.BUSY).forEndpoint("pay").times(2));
        assertEquals(-1, errcode(pay(ALICE, "busy-1")));
        assertEquals(-1, errcode(pay(ALICE, "busy-1")));
        assertEquals(1000, balance(ALICE));
        assertEquals(0, errcode(pay(ALICE, "busy-1")));
        assertEquals(990, balance(ALICE));
    }

    @Test
    void errcodeAnswersTheChosenCodeWithoutApplying() {
        wire.admin().addFault(Fault.of(FaultKind.ERRCODE).errcode(90017).forEndpoint("pay"));
        Map<String, Object> a = pay(ALICE, "e-1");
        assertEquals(90017, errcode(a));
        assertTrue(Wire.errmsg(a).contains("injected"), Wire.errmsg(a));
        assertEquals(1000, balance(ALICE));
        assertThrows(
                IllegalArgumentException.class,
                () -> Fault.of(FaultKind.ERRCODE).errcode(0));
    }

    @Test
    void aFaultForOnePlayerOrOrderLeavesOthersAlone() {
        wire.admin().addFault(Fault.of(FaultKind.BUSY).forPlayer(BOB).times(Fault.UNLIMITED));
        wire.admin().addFault(Fault.of(FaultKind.BUSY).forOrder("cursed").times(Fault.UNLIMITED));
        assertEquals(-1, errcode(pay(BOB, "b-1")));
        assertEquals(-1, errcode(pay(ALICE, "cursed")));
        assertEquals(0, errcode(pay(ALICE, "blessed")));
        assertEquals(0, errcode(wire.v2("getbalance", ALICE, 0, Map.of())));
        wire.admin().clearFaults();
        assertEquals(0, errcode(pay(BOB, "b-1")));
    }

    @Test
    void aFaultOnAnEndpointMatchesBothVersions() {
        wire.admin().addFault(Fault.of(FaultKind.BUSY).forEndpoint("getbalance").times(2));
        assertEquals(-1, errcode(wire.v1("getbalance", false, Wire.v1Params(ALICE))));
        assertEquals(-1, errcode(wire.v2("getbalance", ALICE, 0, Map.of())));
        assertEquals(0, errcode(wire.v2("getbalance", ALICE, 0, Map.of())));
    }

    @Test
    void stallAfterApplyAppliesThenOutlastsTheClient() {
        wire.admin()
                .addFault(Fault.of(FaultKind.STALL_AFTER_APPLY)
                        .forOrder("stall-1")
                        .delay(Duration.ofSeconds(5)));
        Wire impatient = wire.withReadTimeout(Duration.ofMillis(300));
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class,
                () -> impatient.v2("pay", ALICE, 0, extra("amount", 10, "bill_no", "stall-1")));
        assertTrue(e.getCause() instanceof SocketTimeoutException, e.toString());
        assertEquals(990, balance(ALICE));
        assertEquals(90012, errcode(impatient.v2("pay", ALICE, 0, extra("amount", 10, "bill_no", "stall-1"))));
    }

    @Test
    void dropBeforeApplyClosesTheConnectionAndAppliesNothing() {
        wire.admin().addFault(Fault.of(FaultKind.DROP_BEFORE_APPLY).forEndpoint("pay"));
        assertThrows(UncheckedIOException.class, () -> pay(ALICE, "drop-1"));
        assertEquals(1000, balance(ALICE));
        assertEquals(0, errcode(pay(ALICE, "drop-1")));
        assertEquals(990, balance(ALICE));
    }

    @Test
    void dropAfterApplyClosesTheConnectionAfterApplying() {
        wire.admin().addFault(Fault.of(FaultKind.DROP_AFTER_APPLY).forEndpoint("pay"));
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        p.put("amt", 10L);
        p.put("bill_no", "drop-2");
        assertThrows(UncheckedIOException.class, () -> wire.v1("pay", false, p));
        assertEquals(990, balance(ALICE));
        assertEquals(90012, errcode(wire.v1("pay", false, p)));
    }

    @Test
    void http502AppliesNothing() throws IOException {
        wire.admin().addFault(Fault.of(FaultKind.HTTP_502));
        String body = Wire.v2Body(ALICE, 0, extra("amount", 10, "bill_no", "gw"));
        try (Response r = wire.post(
                "/wxa/game/pay",
                Map.of(
                        "access_token",
                        Wire.TOKEN,
                        "sig_method",
                        "hmac_sha256",
                        "pay_sig",
                        Wire.paySig("/wxa/game/pay", body, Wire.V2_KEY),
                        "signature",
                        Wire.signature(body, Wire.ALICE_KEY)),
                body)) {
            assertEquals(502, r.code());
            assertTrue(r.body().string().contains("Bad Gateway"));
        }
        assertEquals(1000, balance(ALICE));
    }

    @Test
    void notJsonAnswersHtmlWithStatus200AndAppliesNothing() throws IOException {
        wire.admin().addFault(Fault.of(FaultKind.NOT_JSON));
        String body = Wire.v2Body(ALICE, 0, extra("amount", 10, "bill_no", "html"));
        try (Response r = wire.post(
                "/wxa/game/pay",
                Map.of(
                        "access_token",
                        Wire.TOKEN,
                        "sig_method",
                        "hmac_sha256",
                        "pay_sig",
                        Wire.paySig("/wxa/game/pay", body, Wire.V2_KEY),
                        "signature",
                        Wire.signature(body, Wire.ALICE_KEY)),
                body)) {
            assertEquals(200, r.code());
            assertTrue(r.body().string().startsWith("<html>"));
        }
        assertEquals(1000, balance(ALICE));
    }

    @Test
    void latencyDelaysButStillAnswersAndApplies() {
        wire.admin().addFault(Fault.of(FaultKind.LATENCY).delay(Duration.ofMillis(200)));
        assertEquals(0, errcode(pay(ALICE, "slow")));
        assertEquals(990, balance(ALICE));
        assertTrue(wire.admin().faults().isEmpty(), "a one-time fault is used up");
    }

    @Test
    void faultsFromTheConfigurationAreActiveFromTheStart() {
        String config = Wire.CONFIG.replaceFirst(
                "\"orders\"",
                "\"faults\": [{\"kind\": \"busy\", \"endpoint\": \"present\", \"openid\": \"o-bob\", \"times\": 1}],\n  \"orders\"");
        try (StandInServer server =
                StandInServer.start(SimulatorConfig.parse(config), StandInServer.Options.defaults())) {
            assertEquals(1, server.admin().faults().size());
            assertEquals(FaultKind.BUSY, server.admin().faults().get(0).kind());
            assertEquals(
                    java.util.Optional.of("o-bob"),
                    server.admin().faults().get(0).openid());
        }
    }

    @Test
    void badFaultsAreRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Fault.of(FaultKind.BUSY).forEndpoint("refund"));
        assertTrue(e.getMessage().contains("refund"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> Fault.of(FaultKind.BUSY).times(0));
        IllegalArgumentException kind =
                assertThrows(IllegalArgumentException.class, () -> FaultKind.fromWireName("explode"));
        assertTrue(kind.getMessage().contains("drop_after_apply"), kind.getMessage());
    }
}
