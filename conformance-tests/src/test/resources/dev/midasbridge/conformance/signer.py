"""A tiny external signer for the conformance runner's --signer protocol, used by ProcessSubjectTest.

One JSON vector (without "expect") per line on stdin, one JSON answer per line on stdout.
Modes: correct (answers every kind right), uppercase (hex in uppercase, a classic mistake, and lets pay_v2
accept a leading '_'), garbage (answers text that is not JSON), die (exits with status 3 at the second vector),
silent (never answers), leak (prints the vector's secrets to stderr, then exits).
"""
import base64
import hashlib
import hmac
import json
import re
import struct
import subprocess
import sys

RENAMES = {"getbalance": {}, "pay": {"amt": "amount", "pay_item": "payitem", "app_remark": "remark"},
           "present": {"present_counts": "amount"}, "cancelpay": {"bill_no": "pay_bill_no"}}
DROPPED = {"appid", "pf", "sig", "mp_sig"}
ORDER_NO = re.compile(r"[0-9A-Za-z_-]{1,63}")


def mac(key, message):
    return hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def joined(params):
    return "&".join("%s=%s" % (k, params[k]) for k in sorted(params))


def answer(v):
    kind = v.get("kind")
    if kind == "midas_v1_sign":
        uri, params = v["uri"], dict(v["params"])
        out = {"sig": mac(v["app_key"], joined(params) + "&org_loc=" + uri + "&method=POST&secret=" + v["app_key"])}
        if "access_token" in v and "session_key" in v:
            params.update(access_token=v["access_token"], sig=out["sig"])
            out["mp_sig"] = mac(v["session_key"], joined(params) + "&org_loc=" + uri + "&method=POST&session_key="
                                + v["session_key"])
        return out
    if kind == "pay_v2_sign":
        out = {}
        if "app_key" in v:
            out["pay_sig"] = mac(v["app_key"], v["uri"] + "&" + v["body"])
        if "session_key" in v:
            out["signature"] = mac(v["session_key"], v["body"])
        return out
    if kind == "order_no":
        ok = ORDER_NO.fullmatch(v["value"]) is not None
        return {"midas_v1": ok, "pay_v2": ok and not v["value"].startswith("_")}
    if kind == "translate":
        ep = v["endpoint"]
        out = {}
        for k, value in v["v1"].items():
            if k not in DROPPED and not (ep == "cancelpay" and k == "pay_item"):
                out[RENAMES[ep].get(k, k)] = value
        out["offer_id"] = v["v2_offer_id"]
        out["env"] = 1 if v["sandbox"] else 0
        if ep == "cancelpay":
            out["bill_no"] = v["refund_bill_no"]
            out["amount"] = v["amount"]
        if out.get("bill_no", "").startswith("_"):
            return {"error": "bill_no %s: pay_v2 forbids a leading '_'" % json.dumps(out["bill_no"])}
        return {"v2": out}
    if kind == "pay_event_sig":
        return {"pay_event_sig": mac(v["app_key"], v["event"] + "&" + v["payload"])}
    if kind == "push_signature":
        parts = [v["token"], v["timestamp"], v["nonce"]] + ([v["encrypt"]] if "encrypt" in v else [])
        return {"signature": hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()}
    if kind == "push_decrypt":
        return push_decrypt(v)
    if kind == "client_pay_sign":
        out = {}
        if "app_key" in v:
            out["pay_sig"] = mac(v["app_key"], v["api"] + "&" + v["sign_data"])
        if "session_key" in v:
            out["signature"] = mac(v["session_key"], v["sign_data"])
        return out
    return {"error": "unknown kind %r" % kind}


def push_decrypt(v):
    """AES-256-CBC through the openssl command (the standard library has no AES)."""
    key = base64.b64decode(v["encoding_aes_key"] + "=")
    plain = subprocess.run(["openssl", "enc", "-d", "-aes-256-cbc", "-nopad", "-K", key.hex(), "-iv",
                            key[:16].hex()], input=base64.b64decode(v["encrypt"]), capture_output=True,
                           check=True).stdout
    pad = plain[-1]
    if not 1 <= pad <= 32 or plain[-pad:] != bytes([pad]) * pad:
        return {"error": "bad PKCS#7 padding"}
    content = plain[:-pad]
    (length,) = struct.unpack(">I", content[16:20])
    if length > len(content) - 20:
        return {"error": "length field too large"}
    if content[20 + length:].decode("utf-8", "replace") != v["appid"]:
        return {"error": "the envelope names another appid"}
    return {"message": content[20:20 + length].decode("utf-8")}


def uppercase(v):
    out = answer(v)
    for k in ("sig", "mp_sig", "pay_sig", "signature", "pay_event_sig"):
        if k in out:
            out[k] = out[k].upper()
    if "pay_v2" in out:
        out["pay_v2"] = out["midas_v1"]
    return out


def main():
    mode = sys.argv[1]
    stdin = open(sys.stdin.fileno(), encoding="utf-8", newline="\n")
    stdout = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n")
    for n, line in enumerate(stdin):
        v = json.loads(line)
        if mode == "silent":
            continue
        if mode == "die" and n == 1:
            print("signer: giving up", file=sys.stderr, flush=True)
            sys.exit(3)
        if mode == "leak":
            print("signer: keys " + " ".join(str(v.get(k)) for k in ("app_key", "session_key", "access_token")),
                  file=sys.stderr, flush=True)
            sys.exit(4)
        if mode == "garbage":
            stdout.write("sig=abc\n")
        else:
            stdout.write(json.dumps(uppercase(v) if mode == "uppercase" else answer(v), ensure_ascii=False) + "\n")
        stdout.flush()


if __name__ == "__main__":
    main()
