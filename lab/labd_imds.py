"""The lab's metadata services, one handler per request: AWS IMDS (v1, v2 required) and, per
client mode, GCP's metadata server or Azure IMDS (labd_cloud). Python 3 stdlib only."""
import base64
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

import labd_cloud

SLOW_SECONDS = 3


class Tokens:
    def __init__(self):
        self.lock = threading.Lock()
        self.items = {}

    def issue(self, client, ttl):
        token = base64.b64encode(b"AQAEA" + secrets.token_bytes(40)).decode()
        with self.lock:
            now = time.monotonic()
            self.items = {t: v for t, v in self.items.items() if v[1] > now}
            self.items[token] = (client, now + ttl)
        return token

    def valid(self, client, token):
        with self.lock:
            entry = self.items.get(token)
        return entry is not None and entry[0] == client and entry[1] > time.monotonic()


class Context:
    def __init__(self, client, tokens):
        self.client = client
        self.tokens = tokens


def metadata_items(c):
    host = "ip-" + c["privateIp"].replace(".", "-") + ".ec2.internal"
    items = {
        "instance-id": c["instanceId"],
        "instance-type": "m5.xlarge",
        "local-ipv4": c["privateIp"],
        "local-hostname": host,
        "hostname": host,
        "placement/availability-zone": c["availabilityZone"],
        "placement/region": c["availabilityZone"][:-1],
    }
    if c.get("publicIp"):
        items["public-ipv4"] = c["publicIp"]
    if c.get("fakeAddress"):
        items["public-ipv4"] = c["fakeAddress"]
    return items


class Imds(BaseHTTPRequestHandler):
    server_version = "EC2ws"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle and delayed ACK add 40 ms a request.
    disable_nagle_algorithm = True
    timeout = 10

    def send(self, code, body="", headers=None):
        if code >= 400 and not body:
            title = f"{code} - {self.responses.get(code, ('Error',))[0]}"
            body = f'<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>\n'
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain" if code < 400 else "text/html")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def fault(self):
        """True when the client's metadata misbehaves on purpose and the answer is already sent."""
        fault = self.server.client.get("imdsFault")
        if fault == "slow":
            time.sleep(SLOW_SECONDS)
        if fault == "redirect":
            self.send(301, "", {"Location": "http://169.254.169.254/moved" + self.path})
        return fault == "redirect"

    def do_PUT(self):
        ctx = self.server
        if self.fault():
            return
        if labd_cloud.handles(ctx.client):
            return labd_cloud.answer(self, ctx.client)
        if self.path != "/latest/api/token":
            return self.send(403)
        if self.headers.get("X-Forwarded-For"):
            return self.send(403)
        raw = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
        if not raw.strip().isdigit() or not 1 <= int(raw) <= 21600:
            return self.send(400)
        ttl = int(raw)
        token = ctx.tokens.issue(ctx.client["name"], ttl)
        self.send(200, token, {"X-aws-ec2-metadata-token-ttl-seconds": str(ttl)})

    def do_GET(self):
        ctx, c = self.server, self.server.client
        if self.fault():
            return
        if labd_cloud.handles(c):
            return labd_cloud.answer(self, c)
        if self.path == "/latest/api/token":
            return self.send(405)
        token = self.headers.get("X-aws-ec2-metadata-token")
        if token is not None and not ctx.tokens.valid(c["name"], token):
            return self.send(401)
        if token is None and c.get("imds") == "v2-required":
            return self.send(401)
        items = metadata_items(c)
        path = self.path.split("?", 1)[0]
        if path in ("/latest/meta-data", "/latest/meta-data/"):
            tops = sorted({k.split("/")[0] + ("/" if "/" in k else "") for k in items})
            return self.send(200, "\n".join(tops))
        if path == "/latest/meta-data/placement/":
            return self.send(200, "\n".join(sorted(k[10:] for k in items if k.startswith("placement/"))))
        key = path[len("/latest/meta-data/"):] if path.startswith("/latest/meta-data/") else None
        if key in items:
            return self.send(200, items[key])
        return self.send(404)

    do_HEAD = do_GET

    def log_message(self, fmt, *args):
        sys.stderr.write(f"{time.strftime('%H:%M:%S')} {self.server.client['name']} {fmt % args}\n")
