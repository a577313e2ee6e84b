package dev.midasbridge.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's gateway act on its own: a midas 1.0 game over plain HTTP through the gateway holds every check, and
 * the checks fail when the game breaks exactly-once (a -1 retried under a new bill_no) or bypasses the gateway.
 */
class DemoGatewayActTest {
    @TempDir
    Path dir;

    private record Run(String out, List<LedgerCheck.Result> checks) {
        boolean held(String start) {
            return checks.stream()
                    .filter(c -> c.name().startsWith(start))
                    .findFirst()
                    .orElseThrow()
                    .held();
        }
    }

    private Run run(GatewayAct.GameBug bug) throws Exception {
        StringWriter out = new StringWriter();
        List<LedgerCheck.Result> checks = new GatewayAct(
                        new PrintWriter(out, true), new PrintWriter(new StringWriter()), dir, false, 20, 11, bug)
                .run()
                .checks();
        return new Run(out.toString(), checks);
    }

    @Test
    void aMidasV1GameThroughTheGatewayHoldsEveryCheckAtEveryStep() throws Exception {
        Run r = run(GatewayAct.GameBug.NONE);
        assertEquals(5, r.checks().size(), r.out());
        r.checks().forEach(c -> assertTrue(c.held(), c.name() + " " + c.problems() + "\n" + r.out()));
        assertTrue(r.out().contains("gateway step 1:   0% on pay_v2  orders: "), r.out());
        assertTrue(r.out().contains("gateway step 2:  50% on pay_v2"), r.out());
        assertTrue(
                r.out()
                        .matches("(?s).*gateway step 3: 100% on pay_v2  orders: 0 on midas_v1, [1-9]\\d* on pay_v2;"
                                + " game retries of -1: [1-9]\\d*; unknown 2 \\(2 forced by dropped answers\\), none after"
                                + " reconcile; checks hold.*"),
                "the game saw -1s and retried them; two answers never came: " + r.out());
        assertFalse(r.out().contains("FAIL"), r.out());
    }

    @Test
    void aRetryOfMinusOneUnderANewBillNoIsCaughtAsAppliedTwice() throws Exception {
        Run r = run(GatewayAct.GameBug.NEW_BILL_NO_ON_RETRY);
        assertFalse(r.held("gateway act: every game order applied exactly once"), r.out());
        assertFalse(r.held("gateway act: balances"), r.out());
        LedgerCheck.Result once = r.checks().get(0);
        assertTrue(
                once.problems().stream().anyMatch(p -> p.contains("applied 2 times")),
                once.problems().toString());
        assertTrue(r.out().contains("checks FAIL"), r.out());
    }

    @Test
    void aGameThatBypassesTheGatewayIsCaught() throws Exception {
        Run r = run(GatewayAct.GameBug.BYPASS_GATEWAY);
        assertFalse(r.held("gateway act: every order on the version the routing gave it"), r.out());
        assertFalse(r.held("gateway act: the gateway's journal agrees"), r.out());
    }
}
