package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.errcode;
import static dev.midasbridge.simulator.Wire.extra;
import static dev.midasbridge.simulator.Wire.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The admin API over HTTP: off unless enabled, and every route when on. */
class AdminHttpTest {

    @Test
    void theAdminApiIsOffByDefault() throws IOException {
        try (Wire wire = Wire.start()) {
            try (Response r = wire.get("/__admin/ledger")) {
                assertEquals(404, r.code());
            }
            try (Response r = wire.post("/__admin/faults", Map.of(), "{\"kind\":\"busy\"}")) {
                assertEquals(404, r.code());
            }
            assertTrue(wire.admin().faults().isEmpty(), "a disabled admin API changes nothing");
            assertEquals(0, errcode(wire.v2("getbalance", ALICE, 0, Map.of())));
        }
    }

    @Test
    void seedAndReadBalancesPerWorld() {
        try (Wire wire = Wire.start(StandInServer.Options.defaults().withAdmin(true))) {
            Map<String, Object> ok = Wire.json(wire.post(
                    "/__admin/seed",
                    Map.of(),
                    "{\"openid\":\"o-alice\",\"zone_id\":\"1\",\"env\":1,\"balance\":77,\"present_balance\":7}"));
            assertEquals(Boolean.TRUE, ok.get("ok"));
            Map<String, Object> sandbox = Wire.json(wire.get("/__admin/balance?openid=o-alice&env=1"));
            assertEquals(77, num(sandbox, "balance"));
            assertEquals(7, num(sandbox, "present_balance"));
            assertEquals(1000, num(Wire.json(wire.get("/__admin/balance?openid=o-alice&env=0")), "balance"));
            assertEquals(77, num(wire.v2("getbalance", ALICE, 1, Map.of()), "balance"));
        }
    }

    @Test
    void rotateTheSessionKeySoTheOldOneIsStale() {
        try (Wire wire = Wire.start(StandInServer.Options.defaults().withAdmin(true))) {
            Wire.json(wire.post(
                    "/__admin/session_key", Map.of(), "{\"openid\":\"o-alice\",\"session_key\":\"fresh-key\"}"));
            assertEquals(90016, errcode(wire.v2("getbalance", ALICE, 0, Map.of())));
        }
    }

    @Test
    void setListAndClearFaults() {
        try (Wire wire = Wire.start(StandInServer.Options.defaults().withAdmin(true))) {
            Wire.json(wire.post("/__admin/faults", Map.of(), "{\"kind\":\"busy\",\"endpoint\":\"pay\",\"times\":-1}"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> faults = (List<Map<String, Object>>)
                    Wire.json(wire.get("/__admin/faults")).get("faults");
            assertEquals(1, faults.size());
            assertEquals("busy", faults.get(0).get("kind"));
            assertEquals(-1, errcode(wire.v2("pay", ALICE, 0, extra("amount", 1, "bill_no", "f-1"))));
            Wire.json(wire.post("/__admin/faults/clear", Map.of(), ""));
            assertEquals(0, errcode(wire.v2("pay", ALICE, 0, extra("amount", 1, "bill_no", "f-1"))));
        }
    }

    @Test
    void readTheLedger() {
        try (Wire wire = Wire.start(StandInServer.Options.defaults().withAdmin(true))) {
            assertEquals(0, errcode(wire.v2("pay", ALICE, 0, extra("amount", 4, "bill_no", "led-1"))));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>)
                    Wire.json(wire.get("/__admin/ledger")).get("entries");
            assertEquals(1, entries.size());
            assertEquals("pay_v2", entries.get(0).get("version"));
            assertEquals("led-1", entries.get(0).get("bill_no"));
            assertEquals(4, num(entries.get(0), "amount"));
            assertEquals(
                    996,
                    wire.admin().balance(Environment.PRODUCTION, ALICE, "1").balance());
        }
    }

    @Test
    void aBadAdminRequestIs400NamingTheField() throws IOException {
        try (Wire wire = Wire.start(StandInServer.Options.defaults().withAdmin(true))) {
            try (Response r = wire.post("/__admin/seed", Map.of(), "{\"openid\":\"o-alice\",\"balance\":\"lots\"}")) {
                assertEquals(400, r.code());
                assertTrue(r.body().string().contains("balance"));
            }
            try (Response r = wire.post("/__admin/faults", Map.of(), "{\"kind\":\"meteor\"}")) {
                assertEquals(400, r.code());
                assertTrue(r.body().string().contains("kind"));
            }
        }
    }
}
