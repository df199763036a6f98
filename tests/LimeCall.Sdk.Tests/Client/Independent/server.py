"""An independent LimeCall-like API (Python standard library only) for checking the .NET client.

POST /v1/callbacks, scripted by customer number:
  +14155550001  first request 503 (Retry-After: 1), then 201
  +14155550002  first request accepted, then the connection is dropped without an answer
  anything else 201
A repeated Idempotency-Key replays the first callback instead of creating a second. Every request is
printed as a JSON line with the number of callbacks accepted so far; it serves up to --requests requests.
"""
import argparse
import json
import socket
from http.server import BaseHTTPRequestHandler, HTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--requests", type=int, required=True)
args = parser.parse_args()
accepted = {}
seen_customers = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        key = self.headers.get("Idempotency-Key")
        customer = body.get("customer_number")
        count = seen_customers.get(customer, 0)
        seen_customers[customer] = count + 1
        action = "created"
        if key in accepted:
            action = "replayed"
        elif customer == "+14155550001" and count == 0:
            action = "unavailable"
        else:
            accepted[key] = "cb_%d" % (len(accepted) + 1)
            if customer == "+14155550002" and count == 0:
                action = "accepted-then-dropped"
        print(json.dumps({"key": key, "customer": customer, "auth": self.headers.get("Authorization"), "action": action, "accepted": len(accepted)}), flush=True)
        if action == "accepted-then-dropped":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        status, payload = (503, {"status": "error", "message": "Service unavailable", "details": "try again"}) if action == "unavailable" \
            else (201, {"id": accepted[key], "status": "queued", "due_at": "2025-01-30T15:00:00Z"})
        data = json.dumps(payload).encode()
        self.send_response(status)
        if action == "unavailable":
            self.send_header("Retry-After", "1")
        if action == "replayed":
            self.send_header("Idempotent-Replayed", "true")
        # One request per connection, so handle_request() counts requests (keep-alive would serve many).
        self.send_header("Connection", "close")
        self.close_connection = True
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_):
        pass


server = HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
for _ in range(args.requests):
    server.handle_request()
