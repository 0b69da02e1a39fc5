#!/usr/bin/python3
"""rerun-doctor lab daemon: an EC2 instance metadata service (IMDS) and "silent" sshd stand-ins
for every lab namespace, from one process. Sockets are opened inside each namespace through
setns() and keep living there after this thread switches back. Python 3 stdlib only."""
import argparse
import ctypes
import json
import os
import selectors
import signal
import socket
import struct
import sys
import threading

sys.dont_write_bytecode = True  # labd_imds and labd_cloud sit beside it: no __pycache__ in the repository
from labd_imds import Context, Imds, Tokens  # noqa: E402
from labd_nomad import AgentContext, NomadAgent  # noqa: E402

CLONE_NEWNET = 0x40000000
METADATA_IP = "169.254.169.254"
MAX_HANDLERS = 64
MAX_SILENT_HELD = 32
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
        # imds "none": nothing listens on 169.254.169.254:80 (bare metal), so requests are refused.
        if c.get("imds") != "none":
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
