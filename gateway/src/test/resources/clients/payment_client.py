#!/usr/bin/env python3
"""An unchanged game server's payment client, written from the API pages (docs/API.md), not from midas-bridge.

It speaks midas 1.0 (--dialect v1) or pay_v2 (--dialect v2) to the base URL it is given, signing every request
itself (HMAC-SHA256, lowercase hex), and checks the ledger: every balance before and after agrees with the
operations it made. Standard library only. Prints one JSON line with the result; exit 0 when every check held.

    payment_client.py --dialect v1 --world world.json --base-url http://127.0.0.1:8080 --run r1
"""
import argparse
import hashlib
import hmac
import json
import sys
import time
import urllib.parse
import urllib.request


def hmac_hex(key, message):
    return hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


class Client:
    def __init__(self, base_url, world, dialect):
        self.base = base_url.rstrip("/")
        self.world = world
        self.dialect = dialect
        self.failures = []
        self.checks = 0

    # ---- transport
    def post(self, path, query, body_bytes):
        url = self.base + path + "?" + urllib.parse.urlencode(query)
        req = urllib.request.Request(url, data=body_bytes, method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            raw = resp.read()
            return json.loads(raw.decode("utf-8"))

    # ---- midas 1.0 (API.md section 4, midas 1.0)
    def v1(self, op, player, extra, sandbox=False):
        path = ("/cgi-bin/midas/sandbox/" if sandbox else "/cgi-bin/midas/") + op
        key = self.world["midas_v1"]["sandbox_app_key" if sandbox else "app_key"]
        params = {"openid": player["openid"], "appid": self.world["appid"],
                  "offer_id": self.world["midas_v1"]["offer_id"], "ts": int(time.time()),
                  "zone_id": player["zone_id"], "pf": "android"}
        params.update(extra)
        joined = "&".join("%s=%s" % (k, params[k]) for k in sorted(params))
        sig = hmac_hex(key, joined + "&org_loc=" + path + "&method=POST&secret=" + key)
        with_token = dict(params)
        with_token["access_token"] = self.world["access_token"]
        with_token["sig"] = sig
        joined2 = "&".join("%s=%s" % (k, with_token[k]) for k in sorted(with_token))
        mp_sig = hmac_hex(player["session_key"],
                          joined2 + "&org_loc=" + path + "&method=POST&session_key=" + player["session_key"])
        body = dict(params)
        body["sig"] = sig
        body["mp_sig"] = mp_sig
        return self.post(path, {"access_token": self.world["access_token"]},
                         json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))

    # ---- pay_v2 (API.md section 4, pay_v2)
    def v2(self, op, player, extra, sandbox=False):
        path = "/wxa/game/" + op
        key = self.world["pay_v2"]["sandbox_app_key" if sandbox else "app_key"]
        fields = {"offer_id": self.world["pay_v2"]["offer_id"], "openid": player["openid"],
                  "ts": int(time.time()), "zone_id": player["zone_id"], "env": 1 if sandbox else 0}
        fields.update(extra)
        body = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
        query = {"access_token": self.world["access_token"],
                 "signature": hmac_hex(player["session_key"], body),
                 "sig_method": "hmac_sha256",
                 "pay_sig": hmac_hex(key, path + "&" + body)}
        return self.post(path, query, body.encode("utf-8"))

    # ---- checks
    def expect(self, what, condition, answer):
        self.checks += 1
        if not condition:
            self.failures.append({"check": what, "answer": answer})

    def expect_fields(self, what, answer, present, absent):
        self.expect(what + ": errcode 0", answer.get("errcode") == 0, answer)
        for f in present:
            self.expect(what + ": has " + f, f in answer, answer)
        for f in absent:
            self.expect(what + ": has no " + f + " (other version's name)", f not in answer, answer)

    def balance(self, player, sandbox=False):
        if self.dialect == "v1":
            a = self.v1("getbalance", player, {}, sandbox)
            self.expect_fields("getbalance", a, ["balance", "gen_balance", "first_save", "save_amt", "save_sum",
                                                 "cost_sum", "present_sum"], ["present_balance", "sum_save"])
        else:
            a = self.v2("getbalance", player, {}, sandbox)
            self.expect_fields("getbalance", a, ["balance", "present_balance", "first_save_flag", "sum_save",
                                                 "sum_balance", "sum_cost", "sum_present"], ["gen_balance"])
        return a.get("balance")

    def pay(self, player, amount, bill_no):
        if self.dialect == "v1":
            a = self.v1("pay", player, {"amt": amount, "bill_no": bill_no, "pay_item": "gem*1",
                                        "app_remark": "gateway test"})
            self.expect_fields("pay", a, ["bill_no", "balance", "used_gen_amt"], ["used_present_amount"])
        else:
            a = self.v2("pay", player, {"amount": amount, "bill_no": bill_no, "payitem": "gem*1",
                                        "remark": "gateway test"})
            self.expect_fields("pay", a, ["bill_no", "balance", "used_present_amount"], ["used_gen_amt"])
        self.expect("pay echoes bill_no", a.get("bill_no") == bill_no, a)
        return a

    def present(self, player, amount, bill_no):
        if self.dialect == "v1":
            a = self.v1("present", player, {"bill_no": bill_no, "present_counts": amount})
        else:
            a = self.v2("present", player, {"bill_no": bill_no, "amount": amount})
        self.expect_fields("present", a, ["bill_no", "balance"], [])
        return a

    def cancel(self, player, pay_bill_no, refund_bill_no, amount):
        if self.dialect == "v1":
            a = self.v1("cancelpay", player, {"bill_no": pay_bill_no})
            self.expect_fields("cancelpay", a, ["bill_no"], [])
            self.expect("cancelpay answers the deduction's bill_no", a.get("bill_no") == pay_bill_no, a)
        else:
            a = self.v2("cancelpay", player, {"pay_bill_no": pay_bill_no, "bill_no": refund_bill_no,
                                              "amount": amount})
            self.expect_fields("cancelpay", a, ["bill_no"], [])
            self.expect("cancelpay answers the refund's bill_no", a.get("bill_no") == refund_bill_no, a)
        return a

    def run(self, run_id, legacy):
        for i, player in enumerate(self.world["players"]):
            tag = "%s-%d" % (run_id, i)
            b0 = self.balance(player)
            pay_no = ("_" if legacy and self.dialect == "v1" else "") + "P" + tag
            a = self.pay(player, 7, pay_no)
            self.expect("pay: balance after = before - 7", a.get("balance") == b0 - 7, {"before": b0, "answer": a})
            again = self.pay(player, 7, pay_no)
            self.expect("pay again, same bill_no: same balance, nothing deducted twice",
                        again.get("balance") == b0 - 7, again)
            b1 = self.balance(player)
            self.expect("getbalance after pay = before - 7", b1 == b0 - 7, {"before": b0, "after": b1})
            g = self.present(player, 5, "G" + tag)
            self.expect("present: balance + 5", g.get("balance") == b1 + 5, {"before": b1, "answer": g})
            self.cancel(player, pay_no, "R" + tag, 7)
            b2 = self.balance(player)
            self.expect("after refund: before + 5", b2 == b0 + 5, {"before": b0, "after": b2})
            too_much = self.v1("pay", player, {"amt": b2 + 1000, "bill_no": "X" + tag}) if self.dialect == "v1" \
                else self.v2("pay", player, {"amount": b2 + 1000, "bill_no": "X" + tag})
            self.expect("pay more than the balance: 90013", too_much.get("errcode") == 90013, too_much)
            b3 = self.balance(player)
            self.expect("a refused pay moves nothing", b3 == b2, {"before": b2, "after": b3})
        sandbox = self.balance(self.world["players"][0], sandbox=True)
        self.expect("sandbox getbalance answers", sandbox is not None, {"balance": sandbox})
        if self.dialect == "v2":
            q = self.v2("queryorderinfo", self.world["players"][0], {"out_trade_no": "demo-purchase-1", "biz_id": 1})
            self.expect_fields("queryorderinfo", q, ["pay_state", "deliver_state", "out_trade_no"], [])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dialect", choices=["v1", "v2"], required=True)
    p.add_argument("--world", required=True)
    p.add_argument("--base-url", required=True)
    p.add_argument("--run", required=True, help="a prefix that makes this run's bill_no unique")
    p.add_argument("--legacy-bill-no", action="store_true", help="v1: deduct under bill_no beginning with _")
    args = p.parse_args()
    with open(args.world, encoding="utf-8") as f:
        world = json.load(f)
    c = Client(args.base_url, world, args.dialect)
    try:
        c.run(args.run, args.legacy_bill_no)
    except Exception as e:  # noqa: BLE001 - report, never hide
        c.failures.append({"check": "no exception", "answer": repr(e)})
    print(json.dumps({"ok": not c.failures, "checks": c.checks, "failures": c.failures[:10]}))
    sys.exit(0 if not c.failures else 1)


if __name__ == "__main__":
    main()
