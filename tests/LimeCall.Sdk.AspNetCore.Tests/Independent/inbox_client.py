"""An independent check of the durable inbox (Python standard library and the psql client only).

Posts signed events to a receiver in inbox mode, each one twice at once and once more later, signing with its own hmac
module; then reads the inbox table with psql and confirms that each event was stored exactly once, byte for byte.
Prints one JSON line with what it found.
"""
import hashlib
import hmac
import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request

url, secret, psql, host, port, user, database, namespace = sys.argv[1:9]
secret = secret.encode("utf-8")
events = 12
statuses = {}
lock = threading.Lock()


def post(key, body):
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    request.add_header("X-LimeCall-Signature", hmac.new(secret, body, hashlib.sha256).hexdigest())
    try:
        with urllib.request.urlopen(request) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    with lock:
        statuses.setdefault(key, []).append(status)


bodies = {}
for i in range(events):
    key = "evt_py_inbox_%s_%d" % (namespace, i)
    bodies[key] = json.dumps({"id": key, "event": "missed_call", "call_id": "py-call-%d" % i, "caller_number": "+1555000%04d" % i}).encode()

threads = [threading.Thread(target=post, args=(key, body)) for key, body in bodies.items() for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for key, body in bodies.items():
    post(key, body)  # a late redelivery

query = "SELECT key, count(*), encode(sha256((array_agg(body))[1]), 'hex') FROM limecall_inbox WHERE namespace = '%s' GROUP BY key" % namespace
result = subprocess.run([psql, "-h", host, "-p", port, "-U", user, "-d", database, "-At", "-F", "|", "-c", query],
                        capture_output=True, text=True)
if result.returncode != 0:
    sys.exit("psql failed: " + result.stderr)
rows = result.stdout.split()
stored = {key: (int(count), digest) for key, count, digest in (row.split("|") for row in rows)}

print(json.dumps({
    "events": events,
    "accepted_once": sum(1 for s in statuses.values() if sorted(s) == [200, 200, 202]),
    "stored_once": sum(1 for key in bodies if stored.get(key, (0, ""))[0] == 1),
    "bodies_match": all(stored.get(key, (0, ""))[1] == hashlib.sha256(body).hexdigest() for key, body in bodies.items()),
    "other_rows": len(set(stored) - set(bodies)),
}), flush=True)
