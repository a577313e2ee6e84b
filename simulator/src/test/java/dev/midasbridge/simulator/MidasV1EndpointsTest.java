package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.BOB;
import static dev.midasbridge.simulator.Wire.errcode;
import static dev.midasbridge.simulator.Wire.errmsg;
import static dev.midasbridge.simulator.Wire.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every midas 1.0 endpoint and errcode, over raw HTTP, signed in the test. */
class MidasV1EndpointsTest {
    private final Wire wire = Wire.start();

    @AfterEach
    void stop() {
        wire.close();
    }

    private Map<String, Object> pay(String openid, long amt, String billNo) {
        LinkedHashMap<String, Object> p = Wire.v1Params(openid);
        p.put("amt", amt);
        p.put("bill_no", billNo);
        return wire.v1("pay", false, p);
    }

    @Test
    void getbalanceReportsTheSeedWithV1FieldNames() {
        Map<String, Object> a = wire.v1("getbalance", false, Wire.v1Params(ALICE));
        assertEquals(0, errcode(a));
        assertEquals(1000, num(a, "balance"));
        assertEquals(100, num(a, "gen_balance"));
        assertEquals(0, num(a, "first_save"));
        assertEquals(900, num(a, "save_amt"));
        assertEquals(1000, num(a, "save_sum"));
        assertEquals(0, num(a, "cost_sum"));
        assertEquals(100, num(a, "present_sum"));
    }

    @Test
    void paySpendsPresentCoinsFirstAndReportsThem() {
        Map<String, Object> a = pay(ALICE, 130, "v1-pay-1");
        assertEquals(0, errcode(a));
        assertEquals("v1-pay-1", a.get("bill_no"));
        assertEquals(870, num(a, "balance"));
        assertEquals(100, num(a, "used_gen_amt"));
        Map<String, Object> b = wire.v1("getbalance", false, Wire.v1Params(ALICE));
        assertEquals(0, num(b, "gen_balance"));
        assertEquals(130, num(b, "cost_sum"));
    }

    @Test
    void presentGrantsCoinsAndCancelpayReturnsAWholeDeduction() {
        LinkedHashMap<String, Object> g = Wire.v1Params(BOB);
        g.put("bill_no", "gift-1");
        g.put("present_counts", 7L);
        Map<String, Object> granted = wire.v1("present", false, g);
        assertEquals(0, errcode(granted));
        assertEquals(57, num(granted, "balance"));

        assertEquals(0, errcode(pay(BOB, 20, "bob-pay")));
        LinkedHashMap<String, Object> c = Wire.v1Params(BOB);
        c.put("bill_no", "bob-pay");
        Map<String, Object> refunded = wire.v1("cancelpay", false, c);
        assertEquals(0, errcode(refunded));
        assertEquals("bob-pay", refunded.get("bill_no"));
        assertEquals(57, wire.admin().balance(Environment.PRODUCTION, BOB, "1").balance());

        Map<String, Object> again = wire.v1("cancelpay", false, c);
        assertEquals(90015, errcode(again));
    }

    @Test
    void cancelpayOfAnUnknownOrderIs90000() {
        LinkedHashMap<String, Object> c = Wire.v1Params(ALICE);
        c.put("bill_no", "never-paid");
        assertEquals(90000, errcode(wire.v1("cancelpay", false, c)));
    }

    @Test
    void aRepeatedBillNoIs90012AndDeductsOnce() {
        assertEquals(0, errcode(pay(ALICE, 10, "dup-1")));
        Map<String, Object> again = pay(ALICE, 10, "dup-1");
        assertEquals(90012, errcode(again));
        assertEquals(
                990, wire.admin().balance(Environment.PRODUCTION, ALICE, "1").balance());
    }

    @Test
    void aBalanceTooLowIs90013() {
        assertEquals(90013, errcode(pay(BOB, 51, "too-much")));
    }

    @Test
    void amtZeroAndNegativeAre90018NamingAmt() {
        assertTrue(errmsg(pay(ALICE, 0, "zero")).contains("[amt]"), errmsg(pay(ALICE, 0, "zero")));
        assertEquals(90018, errcode(pay(ALICE, -5, "neg")));
    }

    @Test
    void aBillNoAsANumberIs90018SayingTheTypeIsUnexpected() {
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        p.put("amt", 1L);
        p.put("bill_no", 12345L);
        Map<String, Object> a = wire.v1("pay", false, p);
        assertEquals(90018, errcode(a));
        assertEquals("field \"bill_no\" doesn't expect an uint32 value", errmsg(a));
    }

    @Test
    void aBillNoWithADisallowedCharacterIs90018NamingTheField() {
        Map<String, Object> a = pay(ALICE, 1, "has space");
        assertEquals(90018, errcode(a));
        assertTrue(
                errmsg(a).startsWith("[bill_no] bill_no is invalid: ")
                        && errmsg(a).contains("midas_v1"),
                errmsg(a));
    }

    @Test
    void aLeadingUnderscoreIsFineForMidasV1() {
        assertEquals(0, errcode(pay(ALICE, 1, "_v1-allows-this")));
    }

    @Test
    void aMissingParameterIs90018NamingIt() {
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        p.remove("pf");
        Map<String, Object> a = wire.v1("getbalance", false, p);
        assertEquals(90018, errcode(a));
        assertTrue(errmsg(a).contains("[pf]"), errmsg(a));
    }

    @Test
    void thePayV2OfferIdIsAConfigurationFaultMinusOne() {
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        p.put("offer_id", Wire.V2_OFFER);
        Map<String, Object> a = wire.v1("getbalance", false, p);
        assertEquals(-1, errcode(a));
        assertTrue(errmsg(a).startsWith("1021-1021-0"), errmsg(a));
    }

    @Test
    void anotherAppidIs90017() {
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        p.put("appid", "wx-someone-else");
        assertEquals(90017, errcode(wire.v1("getbalance", false, p)));
    }

    @Test
    void aWrongSigIs90011() {
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        String path = Wire.v1Path("getbalance", false);
        String badSig = Wire.sig(path, p, "not-the-key");
        Map<String, Object> a =
                wire.postV1(path, p, badSig, Wire.mpSig(path, p, Wire.TOKEN, badSig, Wire.ALICE_KEY), Wire.TOKEN);
        assertEquals(90011, errcode(a));
    }

    @Test
    void aWrongMpSigIs90009() {
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        String path = Wire.v1Path("getbalance", false);
        String sig = Wire.sig(path, p, Wire.V1_KEY);
        Map<String, Object> a =
                wire.postV1(path, p, sig, Wire.mpSig(path, p, Wire.TOKEN, sig, "some-other-key"), Wire.TOKEN);
        assertEquals(90009, errcode(a));
        assertTrue(errmsg(a).contains("no common mistake explains it"), errmsg(a));
    }

    @Test
    void aPlayerWithoutSessionIs90010AndAStaleSessionKeyToo() {
        assertEquals(90010, errcode(wire.v1("getbalance", false, Wire.v1Params("o-stranger"))));
        wire.admin().rotateSessionKey(ALICE, Secret.of("alice-new-login-key"));
        Map<String, Object> a = wire.v1("getbalance", false, Wire.v1Params(ALICE));
        assertEquals(90010, errcode(a));
        assertTrue(errmsg(a).contains("stale session_key"), errmsg(a));
    }

    @Test
    void aWrongAccessTokenIs40001AndAMissingOne41001() {
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        String path = Wire.v1Path("getbalance", false);
        String sig = Wire.sig(path, p, Wire.V1_KEY);
        String mp = Wire.mpSig(path, p, Wire.TOKEN, sig, Wire.ALICE_KEY);
        assertEquals(40001, errcode(wire.postV1(path, p, sig, mp, "stale-token")));
        assertEquals(41001, errcode(wire.postV1(path, p, sig, mp, null)));
    }

    @Test
    void aBodyThatIsNotJsonIs47001() {
        Map<String, Object> a =
                Wire.json(wire.post("/cgi-bin/midas/pay", Map.of("access_token", Wire.TOKEN), "amt=1&bill_no=x"));
        assertEquals(47001, errcode(a));
    }

    @Test
    void theSandboxPathUsesTheSandboxKeyAndWorld() {
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        p.put("amt", 5L);
        p.put("bill_no", "sandbox-pay");
        Map<String, Object> a = wire.v1("pay", true, p);
        assertEquals(0, errcode(a));
        assertEquals(995, num(a, "balance"));
        assertEquals(1000, num(wire.v1("getbalance", false, Wire.v1Params(ALICE)), "balance"));
    }
}
