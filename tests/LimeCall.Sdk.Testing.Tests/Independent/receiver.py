"""An independent webhook receiver (Python standard library only) for checking the .NET sender.

It listens on 127.0.0.1 (a free port, printed first), recomputes HMAC-SHA256 of each raw body with its own
hmac module, answers 500 to the first delivery of every event id and 200 afterwards, and prints one JSON
line per request. It stops after --requests requests.
"""
import argparse
import hashlib
import hmac
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--secret", required=True)
parser.add_argument("--requests", type=int, required=True)
args = parser.parse_args()
seen = set()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        computed = hmac.new(args.secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
        event_id = json.loads(body).get("id")
        status = 200 if event_id in seen else 500
        seen.add(event_id)
        print(json.dumps({
            "event_id": event_id,
            "signature": self.headers.get("X-LimeCall-Signature"),
            "computed": computed,
            "authorization": self.headers.get("Authorization"),
            "content_type": self.headers.get("Content-Type"),
            "status": status,
        }), flush=True)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_):
        pass


server = HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
for _ in range(args.requests):
    server.handle_request()
