"""An independent webhook client (Python standard library only) for checking the .NET receiver.

Posts signed, unsigned, tampered, duplicate, oversized and malformed requests, signing with its own hmac
module, and prints one JSON line per request with the status the receiver answered.
"""
import hashlib
import hmac
import json
import sys
import urllib.error
import urllib.request

url, secret = sys.argv[1], sys.argv[2].encode("utf-8")
event = json.dumps({"id": "evt_python_1", "event": "missed_call", "call_id": "py-1", "caller_number": "+15550001111"}).encode()


def post(name, body, signature):
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    if signature is not None:
        request.add_header("X-LimeCall-Signature", signature)
    try:
        with urllib.request.urlopen(request) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    print(json.dumps({"case": name, "status": status}), flush=True)


sign = lambda body: hmac.new(secret, body, hashlib.sha256).hexdigest()
post("signed", event, sign(event))
post("unsigned", event, None)
tampered = event.replace(b"py-1", b"py-2")
post("tampered", tampered, sign(event))
post("duplicate", event, sign(event))
big = json.dumps({"event": "missed_call", "pad": "x" * 10000}).encode()
post("oversized", big, sign(big))
post("malformed", b"{not json", sign(b"{not json"))
post("upper-hex", event, sign(event).upper())
