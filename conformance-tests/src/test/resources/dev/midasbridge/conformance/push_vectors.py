#!/usr/bin/env python3
"""Computes the pay_event_sig, push_signature, push_decrypt and client_pay_sign vectors of public.json with tools
independent of midas-bridge's Java code: Python's hmac/hashlib/base64 and the openssl command (aes-256-cbc -nopad).

    python3 push_vectors.py > /tmp/push-vectors.json     # prints the vectors as a JSON array
"""
import base64
import hashlib
import hmac
import json
import struct
import subprocess


def hmac_hex(key, msg):
    return hmac.new(key.encode("utf-8"), msg.encode("utf-8"), hashlib.sha256).hexdigest()


def sha1_sorted(*parts):
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()


def aes_cbc_nopad(key, data):
    out = subprocess.run(
        ["openssl", "enc", "-aes-256-cbc", "-nopad", "-K", key.hex(), "-iv", key[:16].hex()],
        input=data, capture_output=True, check=True)
    return out.stdout


def envelope(encoding_aes_key, appid, message, random16, pad_override=None):
    key = base64.b64decode(encoding_aes_key + "=")
    msg = message.encode("utf-8")
    content = random16 + struct.pack(">I", len(msg)) + msg + appid.encode("utf-8")
    pad = 32 - len(content) % 32
    padding = bytes([pad]) * pad if pad_override is None else pad_override(pad)
    return base64.b64encode(aes_cbc_nopad(key, content + padding)).decode("ascii")


APP_KEY = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u"
SANDBOX_KEY = "sandboxKeyOf32CharactersAbcdef12"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
AES_KEY_2 = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
APPID = "wx5823bf96d3bd56c7"

v = []

item_payload = json.dumps({"OpenId": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "Env": 0, "OutTradeNo": "order-20261129-0001",
                           "GoodsInfo": {"ProductId": "sword_001", "Quantity": 1, "ZoneId": "1", "OrigPrice": 600,
                                         "ActualPrice": 600, "Attach": "player-7", "OrderSource": 1},
                           "WeChatPayInfo": {"MchOrderNo": "50000000000000000001",
                                             "TransactionId": "4200000000202611290001"}},
                          separators=(",", ":"))
v.append({"id": "item-delivered-production", "kind": "pay_event_sig",
          "event": "minigame_game_pay_goods_deliver_notify", "payload": item_payload, "app_key": APP_KEY,
          "expect": {"pay_event_sig": hmac_hex(APP_KEY, "minigame_game_pay_goods_deliver_notify&" + item_payload)}})
coin_payload = '{"OpenId":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","Env":1,"OutTradeNo":"coins-0002","CoinInfo":{"ZoneId":"1","Quantity":60,"OrigPrice":600,"ActualPrice":600,"Attach":"首充"}}'
v.append({"id": "coin-delivered-sandbox-chinese-attach", "kind": "pay_event_sig",
          "event": "minigame_coin_deliver_completed", "payload": coin_payload, "app_key": SANDBOX_KEY,
          "expect": {"pay_event_sig": hmac_hex(SANDBOX_KEY, "minigame_coin_deliver_completed&" + coin_payload)}})
spaced = '{ "OpenId": "o1", "Env": 0, "OutTradeNo": "a\\/b" }'
v.append({"id": "payload-signed-as-received-spaces-and-escapes", "kind": "pay_event_sig",
          "event": "minigame_game_pay_goods_deliver_notify", "payload": spaced, "app_key": APP_KEY,
          "expect": {"pay_event_sig": hmac_hex(APP_KEY, "minigame_game_pay_goods_deliver_notify&" + spaced)}})
v.append({"id": "unknown-event-empty-payload", "kind": "pay_event_sig", "event": "minigame_some_new_event",
          "payload": "", "app_key": APP_KEY,
          "expect": {"pay_event_sig": hmac_hex(APP_KEY, "minigame_some_new_event&")}})

assert sha1_sorted("AAAAA", "1714036504", "1514711492") == "f464b24fc39322e44b38aa78f5edd27bd1441696"
v.append({"id": "official-example", "kind": "push_signature", "token": "AAAAA", "timestamp": "1714036504",
          "nonce": "1514711492", "expect": {"signature": "f464b24fc39322e44b38aa78f5edd27bd1441696"}})
v.append({"id": "url-verification-token-sorts-first", "kind": "push_signature", "token": "0token",
          "timestamp": "1700735027", "nonce": "50328042",
          "expect": {"signature": sha1_sorted("0token", "1700735027", "50328042")}})

msg_json = '{"ToUserName":"gh_1234567890ab","FromUserName":"o_wechat","CreateTime":1764400000,"MsgType":"event","Event":"minigame_game_pay_goods_deliver_notify","MiniGame":{"Payload":"{\\"OpenId\\":\\"o1\\",\\"Env\\":0,\\"OutTradeNo\\":\\"t-1\\",\\"GoodsInfo\\":{\\"ProductId\\":\\"p1\\",\\"Quantity\\":1,\\"ActualPrice\\":100}}","PayEventSig":"00","IsMock":false}}'
enc1 = envelope(AES_KEY, APPID, msg_json, bytes(range(16)))
v.append({"id": "msg-signature-safe-mode", "kind": "push_signature", "token": "pushToken2026",
          "timestamp": "1764400000", "nonce": "987654321", "encrypt": enc1,
          "expect": {"signature": sha1_sorted("pushToken2026", "1764400000", "987654321", enc1)}})

v.append({"id": "json-message", "kind": "push_decrypt", "encoding_aes_key": AES_KEY, "appid": APPID,
          "encrypt": enc1, "expect": {"message": msg_json}})
msg_xml = "<xml><ToUserName><![CDATA[gh_1234567890ab]]></ToUserName><Event><![CDATA[minigame_coin_deliver_completed]]></Event><MiniGame><Payload><![CDATA[{\"OpenId\":\"o1\",\"Env\":1,\"OutTradeNo\":\"币-1\"}]]></Payload></MiniGame></xml>"
enc2 = envelope(AES_KEY_2, APPID, msg_xml, b"0123456789abcdef")
v.append({"id": "xml-message-utf8", "kind": "push_decrypt", "encoding_aes_key": AES_KEY_2, "appid": APPID,
          "encrypt": enc2, "expect": {"message": msg_xml}})
enc3 = envelope(AES_KEY, APPID, "x" * 26, bytes(16))
v.append({"id": "message-ends-on-a-block-boundary", "kind": "push_decrypt", "encoding_aes_key": AES_KEY,
          "appid": APPID, "encrypt": enc3, "expect": {"message": "x" * 26}})
enc4 = envelope(AES_KEY, "wx0000000000000000", msg_json, bytes(range(16)))
v.append({"id": "another-appid", "kind": "push_decrypt", "encoding_aes_key": AES_KEY, "appid": APPID,
          "encrypt": enc4, "expect": {"error": "appid"}})
enc5 = envelope(AES_KEY, APPID, msg_json, bytes(range(16)), pad_override=lambda pad: bytes([pad]) * (pad - 1) + bytes([pad + 1 if pad < 32 else 31]))
v.append({"id": "padding-bytes-disagree", "kind": "push_decrypt", "encoding_aes_key": AES_KEY, "appid": APPID,
          "encrypt": enc5, "expect": {"error": "padding"}})
enc6 = envelope(AES_KEY, APPID, "hi", bytes(16), pad_override=lambda pad: bytes([0]) * pad)
v.append({"id": "padding-zero", "kind": "push_decrypt", "encoding_aes_key": AES_KEY, "appid": APPID,
          "encrypt": enc6, "expect": {"error": "padding"}})
v.append({"id": "wrong-encoding-aes-key", "kind": "push_decrypt", "encoding_aes_key": AES_KEY_2, "appid": APPID,
          "encrypt": enc3, "expect": {"error": "padding"}})

sd_item = '{"mode":"goods","offerId":"123","buyQuantity":1,"env":0,"currencyType":"CNY","platform":"android","zoneId":"1","productId":"testproductId","goodsPrice":10,"outTradeNo":"xxxxxx","attach":"testdata"}'
v.append({"id": "official-signdata-example-item", "kind": "client_pay_sign", "api": "requestMidasPaymentGameItem",
          "sign_data": sd_item, "app_key": APP_KEY, "session_key": "V7Q38/i2KXaqrQyl2Yx9Hg==",
          "expect": {"pay_sig": hmac_hex(APP_KEY, "requestMidasPaymentGameItem&" + sd_item),
                     "signature": hmac_hex("V7Q38/i2KXaqrQyl2Yx9Hg==", sd_item)}})
sd_coin = '{"mode":"game","offerId":"1450000000","buyQuantity":60,"env":1,"currencyType":"CNY","platform":"android","zoneId":"1","outTradeNo":"coins-20261129-7","attach":"首充"}'
v.append({"id": "coins-sandbox", "kind": "client_pay_sign", "api": "requestMidasPayment", "sign_data": sd_coin,
          "app_key": SANDBOX_KEY, "session_key": "HyVFkGl5F5OQWJZZaNzBBg==",
          "expect": {"pay_sig": hmac_hex(SANDBOX_KEY, "requestMidasPayment&" + sd_coin),
                     "signature": hmac_hex("HyVFkGl5F5OQWJZZaNzBBg==", sd_coin)}})
v.append({"id": "pay-sig-only-api-name-is-signed", "kind": "client_pay_sign", "api": "requestMidasPayment",
          "sign_data": sd_item, "app_key": APP_KEY,
          "expect": {"pay_sig": hmac_hex(APP_KEY, "requestMidasPayment&" + sd_item)}})

print(json.dumps(v, indent=1, ensure_ascii=False))
