// Test helper: a real in-process ssh2 Server on 127.0.0.1, as in mscdex/ssh2's own tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createServer, connect as netConnect, type Server as NetServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import type { Connection, ParsedKey, ServerChannel } from "ssh2";
import { Server, ssh2Utils } from "./ssh2-module";

export interface KeyPair {
  readonly privateKey: string;
  readonly publicLine: string;
  readonly blob: Buffer;
}

export const FIXTURE_KEYS = ["client", "host-a", "host-b", "host-c", "stranger", "changed"] as const;

/** A static test key pair from lib/ssh/fixtures (made once with ssh-keygen; see its README). */
export function fixtureKey(name: (typeof FIXTURE_KEYS)[number]): KeyPair {
  const privateKey = readFileSync(join(__dirname, "fixtures", name), "utf8");
  const parsed = ssh2Utils.parseKey(privateKey) as ParsedKey | Error;
  if (parsed instanceof Error) throw new Error(`lib/ssh/fixtures/${name}: ${parsed.message}`);
  return { privateKey, publicLine: readFileSync(join(__dirname, "fixtures", `${name}.pub`), "utf8").trim(), blob: parsed.getPublicSSH() };
}

export interface TestServerOptions {
  readonly hostKey: KeyPair;
  readonly clientKey: KeyPair;
  /** Handles one exec request; default echoes the command and exits 0. */
  readonly exec?: (command: string, channel: ServerChannel) => void;
  /** Serve direct-tcpip by connecting to the requested loopback address. */
  readonly forwarding?: boolean;
  /** direct-tcpip requests to these ports get no answer at all (a filtered port). */
  readonly blackholePorts?: readonly number[];
  /** Listen on this port (to replace a server's host key at the same address). */
  readonly port?: number;
}

export interface TestServer {
  readonly port: number;
  /** Every auth method a client tried, in order. */
  readonly authAttempts: string[];
  readonly execCommands: string[];
  readonly forwardRequests: string[];
  close(): Promise<void>;
}

const STRERROR: Record<string, string> = { ECONNREFUSED: "Connection refused", EHOSTUNREACH: "No route to host" };

function serveForwarding(conn: Connection, requests: string[], sockets: Set<Socket>, blackhole: readonly number[]): void {
  // ssh2's reject() sends no description; OpenSSH sends strerror text, which the client maps.
  const proto = (conn as unknown as { _protocol: { channelOpenFail(id: number, reason: number, desc: string): void } })._protocol;
  const original = proto.channelOpenFail.bind(proto);
  let description = "";
  proto.channelOpenFail = (id, reason, desc) => original(id, reason, desc || description);
  conn.on("tcpip", (accept, reject, info) => {
    requests.push(`${info.destIP}:${info.destPort}`);
    if (blackhole.includes(info.destPort)) return;
    const sock = netConnect(info.destPort, info.destIP);
    sockets.add(sock);
    sock.once("close", () => sockets.delete(sock));
    sock.once("connect", () => {
      const channel = accept();
      channel.on("error", () => undefined);
      channel.pipe(sock).pipe(channel);
    });
    sock.once("error", (err: NodeJS.ErrnoException) => {
      description = STRERROR[err.code ?? ""] ?? err.message;
      reject();
    });
  });
}

export function startTestServer(opts: TestServerOptions): Promise<TestServer> {
  const authAttempts: string[] = [];
  const execCommands: string[] = [];
  const forwardRequests: string[] = [];
  const conns = new Set<Connection>();
  const sockets = new Set<Socket>();
  const allowed = ssh2Utils.parseKey(opts.clientKey.privateKey) as ParsedKey;

  const server = new Server({ hostKeys: [opts.hostKey.privateKey] }, (conn) => {
    conns.add(conn);
    conn.on("close", () => conns.delete(conn));
    conn.on("error", () => undefined);
    conn.on("authentication", (ctx) => {
      authAttempts.push(ctx.method);
      if (ctx.method !== "publickey" || ctx.key.algo !== allowed.type || !ctx.key.data.equals(allowed.getPublicSSH())) {
        return ctx.reject(["publickey"]);
      }
      if (!ctx.signature) return ctx.accept();
      return allowed.verify(ctx.blob ?? Buffer.alloc(0), ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject();
    });
    conn.on("ready", () => {
      if (opts.forwarding) serveForwarding(conn, forwardRequests, sockets, opts.blackholePorts ?? []);
      conn.on("session", (accept) => {
        accept().on("exec", (acceptExec, _reject, info) => {
          execCommands.push(info.command);
          const channel = acceptExec();
          channel.on("error", () => undefined);
          if (opts.exec) return opts.exec(info.command, channel);
          channel.end(`ran: ${info.command}\n`);
          channel.exit(0);
        });
      });
    });
  });

  return new Promise((resolve) => {
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        authAttempts,
        execCommands,
        forwardRequests,
        close: () =>
          new Promise<void>((done) => {
            for (const conn of conns) conn.end();
            for (const sock of sockets) sock.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A TCP server that accepts and never speaks: sshd hung before its banner. */
export function startSilentServer(): Promise<{ port: number; accepted: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: NetServer = createServer((sock) => {
    accepted++;
    sockets.add(sock);
    sock.on("error", () => undefined);
    sock.on("close", () => sockets.delete(sock));
    sock.resume(); // read and drop the client's banner, so its FIN closes this side too
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        accepted: () => accepted,
        close: () =>
          new Promise<void>((done) => {
            for (const sock of sockets) sock.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A loopback port with nothing listening (bound, then released). */
export function closedPort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
