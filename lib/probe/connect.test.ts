import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectProbe } from "./connect";
import { rawConnect } from "./tcp-handle";

const held: Socket[] = [];
let server: Server;
let open = 0;
let closed = 0;
let filtered = 0;
let listener: ChildProcess;

/**
 * A loopback port that drops SYNs, as a security group does: a listener with a backlog of 0 that
 * never accepts, whose one queued connection we hold. Python, since Node always accepts.
 */
async function droppingPort(): Promise<number> {
  listener = spawn("python3", [
    "-c",
    'import socket,sys,time\ns=socket.socket();s.bind(("127.0.0.1",0));s.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(120)',
  ]);
  const port = await new Promise<number>((resolve) => listener.stdout!.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));
  await new Promise<void>((resolve) => held.push(connect(port, "127.0.0.1", resolve)));
  return port;
}

beforeAll(async () => {
  server = createServer((socket) => socket.on("error", () => undefined).end("SSH-2.0-OpenSSH_9.2\x1b[31m\r\n"));
  open = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
  const gone = createServer();
  closed = await new Promise<number>((resolve) => gone.listen(0, "127.0.0.1", () => resolve((gone.address() as { port: number }).port)));
  await new Promise((resolve) => gone.close(resolve));
  filtered = await droppingPort();
});

afterAll(() => {
  held.forEach((s) => s.destroy());
  listener.kill();
  server.close();
});

describe.each([
  ["Node's TCP handle", rawConnect],
  ["the net.Socket fallback (a Node without tcp_wrap)", null],
])("connectProbe through %s", (_name, raw) => {
  it("tells open (with its banner escaped), closed and filtered apart with nmap's reasons", async () => {
    const [o, c, f] = await Promise.all([
      connectProbe("127.0.0.1", open, 1000, 1000, raw),
      connectProbe("127.0.0.1", closed, 1000, 1000, raw),
      connectProbe("127.0.0.1", filtered, 300, 300, raw),
    ]);
    expect(o).toMatchObject({ state: "open", reason: "syn-ack", banner: "SSH-2.0-OpenSSH_9.2\\x1b[31m" });
    expect(c).toMatchObject({ state: "closed", reason: "conn-refused" });
    expect(f).toMatchObject({ state: "filtered", reason: "no-response" });
    // It waited out its timeout (Node's timers have 1 ms granularity against performance.now()).
    expect(f.rttMs).toBeGreaterThanOrEqual(299);
  });
});
