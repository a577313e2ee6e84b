#!/usr/bin/env python3
"""An unchanged game server's login and first payment, standard library only, against the gateway.

Reads the world JSON that `bridge gateway --standin --world-out FILE` writes. For every player: fetches the access
token with POST /cgi-bin/stable_token (appid + app_secret), exchanges the player's js_code with
GET /sns/jscode2session (the gateway forwards it and captures the session key), then makes a signed midas 1.0 pay
with the session key login gave and NO X-Bridge-Session-Key header. Prints one JSON line; exit 0 when all is well.
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


def call(base, method, path, query, body=None):
    url = base + path + ("?" + urllib.parse.urlencode(query) if query else "")
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read().decode("utf-8"))


def v1_pay(base, world, token, openid, session_key, zone_id, amt, bill_no):
    path = "/cgi-bin/midas/pay"
    key = world["midas_v1"]["app_key"]
    params = {"openid": openid, "appid": world["appid"], "offer_id": world["midas_v1"]["offer_id"],
              "ts": int(time.time()), "zone_id": zone_id, "pf": "android", "amt": amt, "bill_no": bill_no}
    joined = "&".join("%s=%s" % (k, params[k]) for k in sorted(params))
    sig = hmac_hex(key, joined + "&org_loc=" + path + "&method=POST&secret=" + key)
    with_token = dict(params, access_token=token, sig=sig)
    joined2 = "&".join("%s=%s" % (k, with_token[k]) for k in sorted(with_token))
    mp_sig = hmac_hex(session_key, joined2 + "&org_loc=" + path + "&method=POST&session_key=" + session_key)
    body = dict(params, sig=sig, mp_sig=mp_sig)
    return call(base, "POST", path, {"access_token": token},
                json.dumps(body, separators=(",", ":")).encode("utf-8"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--world", required=True)
    ap.add_argument("--base-url", required=True)
    args = ap.parse_args()
    with open(args.world, encoding="utf-8") as f:
        world = json.load(f)
    base = args.base_url.rstrip("/")
    failures = []
    token_answer = call(base, "POST", "/cgi-bin/stable_token", None, json.dumps(
        {"grant_type": "client_credential", "appid": world["appid"], "secret": world["app_secret"]}).encode("utf-8"))
    token = token_answer.get("access_token")
    if token != world["access_token"]:
        failures.append("stable_token answered %r" % token_answer)
    bad = call(base, "GET", "/sns/jscode2session", {"appid": world["appid"], "secret": world["app_secret"],
                                                     "js_code": "not-a-code", "grant_type": "authorization_code"})
    if bad.get("errcode") != 40029:
        failures.append("a bad code answered %r" % bad)
    paid = []
    for i, player in enumerate(world["players"]):
        login = call(base, "GET", "/sns/jscode2session", {"appid": world["appid"], "secret": world["app_secret"],
                                                           "js_code": player["js_code"],
                                                           "grant_type": "authorization_code"})
        if login.get("openid") != player["openid"] or login.get("session_key") != player["session_key"]:
            failures.append("login of %s answered %r" % (player["openid"], login))
            continue
        answer = v1_pay(base, world, token, login["openid"], login["session_key"], player["zone_id"], 1,
                        "LOGIN-PAY-%d" % i)
        if answer.get("errcode") != 0 or answer.get("balance") != player["balance"] - 1:
            failures.append("pay of %s answered %r" % (player["openid"], answer))
        else:
            paid.append(player["openid"])
    print(json.dumps({"ok": not failures, "paid": paid, "failures": failures}))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
