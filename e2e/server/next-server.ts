import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
/** What `npm start` gives the server (package.json): V8 otherwise lets garbage grow toward a RAM-sized heap. */
export const SERVER_NODE_OPTIONS = "--max-old-space-size=160";

export interface RunningServer {
  readonly url: string;
  readonly process: ChildProcess;
  readonly output: () => string;
}

/** Starts the built app (next start) as a separate process, as production does. */
export async function startServer(port: number, env: Record<string, string>, host = "127.0.0.1"): Promise<RunningServer> {
  const child = spawn(join(ROOT, "node_modules/.bin/next"), ["start", "-H", host, "-p", String(port)], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: SERVER_NODE_OPTIONS, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const url = `http://${host}:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, process: child, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`next start did not answer on ${url} within 120 s (built? npm run build):\n${output}`);
}

export async function kill(server: RunningServer, signal: NodeJS.Signals): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill(signal);
  await exited;
}
