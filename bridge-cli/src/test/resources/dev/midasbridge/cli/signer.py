"""The README's example of another implementation checked with `bridge conformance --signer 'python3 signer.py'`."""
import base64, hashlib, hmac, json, re, struct, subprocess, sys

RENAMES = {"getbalance": {}, "pay": {"amt": "amount", "pay_item": "payitem", "app_remark": "remark"},
           "present": {"present_counts": "amount"}, "cancelpay": {"bill_no": "pay_bill_no"}}


def mac(key, msg):
    return hmac.new(key.encode(), msg.encode(), hashlib.sha256).hexdigest()


def joined(p):
    return "&".join("%s=%s" % (k, p[k]) for k in sorted(p))


def answer(v):
    if v["kind"] == "midas_v1_sign":
        p, uri = dict(v["params"]), v["uri"]
        out = {"sig": mac(v["app_key"], joined(p) + "&org_loc=" + uri + "&method=POST&secret=" + v["app_key"])}
        if "session_key" in v:
            p.update(access_token=v["access_token"], sig=out["sig"])
            out["mp_sig"] = mac(v["session_key"], joined(p) + "&org_loc=" + uri + "&method=POST&session_key="
                                + v["session_key"])
        return out
    if v["kind"] == "pay_v2_sign":
        out = {}
        if "app_key" in v:
            out["pay_sig"] = mac(v["app_key"], v["uri"] + "&" + v["body"])
        if "session_key" in v:
            out["signature"] = mac(v["session_key"], v["body"])
        return out
    if v["kind"] == "order_no":
        ok = re.fullmatch(r"[0-9A-Za-z_-]{1,63}", v["value"]) is not None
        return {"midas_v1": ok, "pay_v2": ok and not v["value"].startswith("_")}
    if v["kind"] == "translate":
        ep, out = v["endpoint"], {}
        for k, x in v["v1"].items():
            if k not in ("appid", "pf") and not (ep == "cancelpay" and k == "pay_item"):
                out[RENAMES[ep].get(k, k)] = x
        out.update(offer_id=v["v2_offer_id"], env=1 if v["sandbox"] else 0)
        if ep == "cancelpay":
            out.update(bill_no=v["refund_bill_no"], amount=v["amount"])
        if out.get("bill_no", "").startswith("_"):
            return {"error": "bill_no must not begin with '_' in pay_v2"}
        return {"v2": out}
    if v["kind"] == "pay_event_sig":
        return {"pay_event_sig": mac(v["app_key"], v["event"] + "&" + v["payload"])}
    if v["kind"] == "push_signature":
        parts = [v["token"], v["timestamp"], v["nonce"]] + ([v["encrypt"]] if "encrypt" in v else [])
        return {"signature": hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()}
    if v["kind"] == "push_decrypt":
        key = base64.b64decode(v["encoding_aes_key"] + "=")
        plain = subprocess.run(["openssl", "enc", "-d", "-aes-256-cbc", "-nopad", "-K", key.hex(), "-iv",
                                key[:16].hex()], input=base64.b64decode(v["encrypt"]), capture_output=True).stdout
        pad = plain[-1] if plain else 0
        if not 1 <= pad <= 32 or plain[-pad:] != bytes([pad]) * pad:
            return {"error": "bad padding"}
        n = struct.unpack(">I", plain[16:20])[0]
        if plain[20 + n:-pad].decode("utf-8", "replace") != v["appid"]:
            return {"error": "another appid"}
        return {"message": plain[20:20 + n].decode()}
    if v["kind"] == "client_pay_sign":
        out = {}
        if "app_key" in v:
            out["pay_sig"] = mac(v["app_key"], v["api"] + "&" + v["sign_data"])
        if "session_key" in v:
            out["signature"] = mac(v["session_key"], v["sign_data"])
        return out
    return {"error": "unknown kind"}


for line in sys.stdin:
    print(json.dumps(answer(json.loads(line)), ensure_ascii=False), flush=True)
