"""The lab's Nomad client agents: the HTTP API a Nomad client serves on 127.0.0.1:4646 (plain, or
mTLS as with tls { http = true, verify_https_client = true }), in the JSON shapes of Nomad's API
docs, for the host checks and nomad.via discovery. Python 3 stdlib only."""
import hashlib
import json
import os
import ssl
import sys
import time
from http.server import BaseHTTPRequestHandler


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
