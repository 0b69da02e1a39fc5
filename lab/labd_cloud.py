"""GCP's metadata server and Azure IMDS as the lab serves them, for clients whose imds mode names
them. Real servers' shapes: GCP wants Metadata-Flavor: Google and sends it back on every answer
(403 without it); Azure wants Metadata: true (400 without it) and leaves publicIpAddress empty for
Standard-SKU public IPs. Anything else, AWS's paths included, is a 404."""
import json

GCP_NIC = "/computeMetadata/v1/instance/network-interfaces/0/"
AZURE_NETWORK = "/metadata/instance/network"
MODES = ("gcp", "gcp-private", "azure")


def handles(client):
    return client.get("imds") in MODES


def gcp(handler, c):
    flavor = {"Metadata-Flavor": "Google"}
    path = handler.path.split("?", 1)[0]
    if handler.command != "GET" or not path.startswith("/computeMetadata/"):
        return handler.send(404, "", flavor)
    if handler.headers.get("Metadata-Flavor") != "Google":
        return handler.send(403, "", flavor)
    external = c.get("publicIp") if c.get("imds") == "gcp" else None
    internal = c.get("vpcAddress") or c["privateIp"]
    if path == GCP_NIC + "access-configs/0/external-ip" and external:
        return handler.send(200, external, flavor)
    if path == GCP_NIC + "ip":
        return handler.send(200, internal, flavor)
    return handler.send(404, "", flavor)


def azure(handler, c):
    path = handler.path.split("?", 1)[0]
    if handler.command != "GET" or not path.startswith("/metadata/"):
        return handler.send(404)
    if handler.headers.get("Metadata") != "true":
        return handler.send(400, json.dumps({"error": "Bad request. Required metadata header not specified"}))
    if path.rstrip("/") != AZURE_NETWORK:
        return handler.send(404)
    address = {"privateIpAddress": c.get("vpcAddress") or c["privateIp"], "publicIpAddress": ""}
    nic = {"ipv4": {"ipAddress": [address], "subnet": [{"address": "10.1.0.0", "prefix": "24"}]}, "ipv6": {"ipAddress": []}}
    return handler.send(200, json.dumps({"interface": [{**nic, "macAddress": "000D3A1B2C3D"}]}))


def answer(handler, c):
    return gcp(handler, c) if c["imds"].startswith("gcp") else azure(handler, c)
