#!/usr/bin/python3
"""rerun-doctor lab daemon: an EC2 instance metadata service (IMDS) and "silent" sshd stand-ins
for every lab namespace, from one process. Sockets are opened inside each namespace through
setns() and keep living there after this thread switches back. Python 3 stdlib only."""
import argparse
import base64
import ctypes
import hashlib
import ssl
import json
import os
import secrets
import selectors
import signal
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

CLONE_NEWNET = 0x40000000
METADATA_IP = "169.254.169.254"
MAX_HANDLERS = 64
MAX_SILENT_HELD = 32
SLOW_SECONDS = 3
LIBC = ctypes.CDLL("libc.so.6", use_errno=True)


def setns(fd):
    if LIBC.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def listen_in(namespace, addr, port, host_fd):
    ns_fd = os.open(f"/run/netns/{namespace}", os.O_RDONLY)
    try:
        setns(ns_fd)
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((addr, port))
            sock.listen(128)
            sock.setblocking(False)
            return sock
        finally:
            setns(host_fd)
    finally:
        os.close(ns_fd)


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


AGENT_DECOYS = [
    # Listed by every lab agent for nomad.via: one down node, one outside the lab inventory's nomad.allowCidrs.
    {"name": "nomad-decoy-down", "address": "198.51.100.125", "status": "down", "eligibility": "eligible", "drain": False},
    {"name": "nomad-decoy-outside", "address": "198.51.100.253", "status": "ready", "eligibility": "eligible", "drain": False},
]


class AgentContext:
    def __init__(self, client, fleet):
        self.client = client
        self.fleet = fleet
        self.tls = None
        if (client.get("nomadAgent") or {}).get("tls"):
            # mTLS as Nomad with tls { http = true, verify_https_client = true }: no client certificate, no answer.
            d = os.path.join(client["dir"], "nomad-tls")
            self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls.load_cert_chain(os.path.join(d, "server.pem"), os.path.join(d, "server.key"))
            self.tls.load_verify_locations(f"/etc/netns/{client['namespace']}/ssl/nomad/ca.pem")
            self.tls.verify_mode = ssl.CERT_REQUIRED


def decoy_id(name):
    h = hashlib.sha256(f"rerun-doctor-lab-decoy:{name}".encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def agent_attributes(c):
    """Names from Nomad's client/fingerprint/env_aws.go and network fingerprinter."""
    attrs = {
        "unique.platform.aws.instance-id": c["instanceId"],
        "unique.platform.aws.local-ipv4": c["privateIp"],
        "unique.platform.aws.local-hostname": "ip-" + c["privateIp"].replace(".", "-") + ".ec2.internal",
        "platform.aws.instance-type": "m5.xlarge",
        "platform.aws.placement.availability-zone": c["availabilityZone"],
        "unique.network.ip-address": c["privateIp"],
        "kernel.name": "linux",
        "os.name": "ubuntu",
        "driver.docker": "1",
        "driver.docker.version": "24.0.7",
    }
    if c.get("publicIp"):
        attrs["unique.platform.aws.public-ipv4"] = c["publicIp"]
    return attrs


def node_stub(n):
    """A /v1/nodes entry as Nomad's API docs (nodes.mdx) show it."""
    return {
        "Address": n["address"], "CreateIndex": 6, "Datacenter": "dc1", "Drain": n["drain"], "Drivers": {},
        "ID": n["id"], "LastDrain": None, "ModifyIndex": 2526, "Name": n["name"], "NodeClass": "", "NodePool": "default",
        "SchedulingEligibility": n["eligibility"], "Status": n["status"], "StatusDescription": "", "Version": "1.8.0",
    }


def agent_view(c):
    a = c["nomadAgent"]
    return {"name": c["name"], "address": c["privateIp"], "id": c["nomadNodeId"], "status": a["status"],
            "eligibility": a["eligibility"], "drain": a["drain"]}


class NomadAgent(BaseHTTPRequestHandler):
    """A Nomad client agent's HTTP API on 127.0.0.1:4646: the endpoints the host checks read, in Nomad's JSON shapes."""
    server_version = "Nomad"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 10

    def send_json(self, code, body):
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json" if code == 200 else "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        c, fleet = self.server.client, self.server.fleet
        me = agent_view(c)
        path = self.path.split("?", 1)[0]
        if path == "/v1/agent/self":
            return self.send_json(200, {
                "config": {"Region": "global", "Datacenter": "dc1", "NodeName": c["name"], "DataDir": "/opt/nomad",
                           "Client": {"Enabled": True}, "Server": {"Enabled": False}},
                "member": {"Name": c["name"], "Addr": c["privateIp"], "Port": 4648, "Status": "alive"},
                "stats": {"client": {"node_id": me["id"], "known_servers": "198.51.100.1:4647", "num_allocations": "0",
                                     "last_heartbeat": "12.3s", "heartbeat_ttl": "17.9s"},
                          "nomad": {"server": "false", "leader": "false", "bootstrap": "false"}},
            })
        if path == "/v1/nodes":
            nodes = [agent_view(x) for x in fleet] + [dict(d, id=decoy_id(d["name"])) for d in AGENT_DECOYS]
            return self.send_json(200, [node_stub(n) for n in nodes])
        if path == "/v1/node/" + me["id"]:
            body = node_stub(me)
            drain = {"Deadline": 3600000000000, "ForceDeadline": "2026-12-02T12:00:00Z", "IgnoreSystemJobs": False} if me["drain"] else None
            body.update({"Attributes": agent_attributes(c), "DrainStrategy": drain, "HTTPAddr": c["privateIp"] + ":4646",
                         "TLSEnabled": False, "Meta": {}, "Links": {"aws.ec2": c["availabilityZone"] + "." + c["instanceId"]}})
            return self.send_json(200, body)
        return self.send_json(404, "Not Found")

    def log_message(self, fmt, *args):
        sys.stderr.write(f"{time.strftime('%H:%M:%S')} nomad {self.server.client['name']} {fmt % args}\n")


def serve_http(conn, addr, ctx, slots, handler=None):
    try:
        conn.setblocking(True)
        conn.settimeout(10)
        if getattr(ctx, "tls", None) is not None:
            conn = ctx.tls.wrap_socket(conn, server_side=True)
        (handler or Imds)(conn, addr, ctx)
    except Exception as e:  # one bad request must not take the daemon down
        sys.stderr.write(f"imds {ctx.client['name']}: {e!r}\n")
    finally:
        try:
            conn.close()
        except OSError:
            pass
        slots.release()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--pidfile", required=True)
    ap.add_argument("--ready", required=True)
    args = ap.parse_args()
    with open(args.manifest) as f:
        manifest = json.load(f)
    clients = list(manifest["clients"])
    # `up --reach`: metadata for the reach clients, plain listeners (accept, then close) elsewhere.
    reach_nodes = (manifest.get("reach") or {}).get("nodes", [])
    clients += [n["node"] for n in reach_nodes if n["role"] == "client"]
    listeners = [(n["node"]["namespace"], port) for n in reach_nodes for port in n.get("listeners", [])]

    host_fd = os.open("/proc/self/ns/net", os.O_RDONLY)
    sel = selectors.DefaultSelector()
    tokens = Tokens()
    for c in clients:
        sock = listen_in(c["namespace"], METADATA_IP, 80, host_fd)
        sel.register(sock, selectors.EVENT_READ, ("imds", Context(c, tokens)))
        if c.get("sshd") in ("silent", "reset"):
            listener = listen_in(c["namespace"], "0.0.0.0", 22, host_fd)
            sel.register(listener, selectors.EVENT_READ, (c["sshd"], []))
    agents = [c for c in manifest["clients"] if c.get("nomadAgent")]
    for c in agents:
        sock = listen_in(c["namespace"], "127.0.0.1", 4646, host_fd)
        sel.register(sock, selectors.EVENT_READ, ("nomad", AgentContext(c, agents)))
    for namespace, port in listeners:
        sel.register(listen_in(namespace, "0.0.0.0", port, host_fd), selectors.EVENT_READ, ("listen", None))

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with open(args.pidfile, "w") as f:
        f.write(f"{os.getpid()}\n")
    with open(args.ready, "w") as f:
        f.write(f"{len(clients)} clients\n")
    sys.stderr.write(f"labd {os.getpid()} serving {len(clients)} namespaces\n")
    sys.stderr.flush()

    slots = threading.BoundedSemaphore(MAX_HANDLERS)
    while not stop.is_set():
        for key, _ in sel.select(timeout=1.0):
            kind, data = key.data
            if kind == "held":
                try:
                    gone = key.fileobj.recv(4096) == b""
                except OSError:
                    gone = True
                if gone:
                    sel.unregister(key.fileobj)
                    key.fileobj.close()
                    if key.fileobj in data:
                        data.remove(key.fileobj)
                continue
            try:
                conn, addr = key.fileobj.accept()
            except OSError:
                continue
            if kind == "listen":
                conn.close()
            elif kind == "reset":
                # Linger 0: close() sends RST instead of FIN, as a middlebox killing the flow does.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.close()
            elif kind == "silent":
                if len(data) >= MAX_SILENT_HELD:
                    old = data.pop(0)
                    sel.unregister(old)
                    old.close()
                conn.setblocking(False)
                data.append(conn)
                sel.register(conn, selectors.EVENT_READ, ("held", data))
            elif slots.acquire(blocking=False):
                handler = NomadAgent if kind == "nomad" else Imds
                threading.Thread(target=serve_http, args=(conn, addr, data, slots, handler), daemon=True).start()
            else:
                conn.close()
    sys.stderr.write("labd stopping\n")


if __name__ == "__main__":
    main()
