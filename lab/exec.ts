import { execFile, spawn } from "node:child_process";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly input?: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a program with an argument array (never a shell string); never throws on exit codes. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      [...args],
      { timeout: opts.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024, env: opts.env ?? process.env, killSignal: "SIGKILL" },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 127) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr || (err && !stderr ? err.message : "")) });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** Like run, but throws with the command's stderr when it fails. */
export async function runOk(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.code}): ${r.stderr.trim().slice(0, 2000)}`);
  }
  return r.stdout;
}

/** Maps over items with at most `limit` promises in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A detached daemon: its pid, and how it ended while we still run. */
export interface Detached {
  readonly pid: number;
  /** How it ended ("exit 1", "signal SIGKILL"), from the child's own exit event; null while it runs. */
  ended(): string | null;
}

/**
 * Starts a detached, session-leading process that outlives this one. While we run, its exit is
 * known from the child's exit event, not guessed from /proc.
 */
export function spawnDetached(cmd: string, args: readonly string[], logFd: number): Detached {
  const child = spawn(cmd, [...args], { cwd: "/", detached: true, stdio: ["ignore", logFd, logFd] });
  let ended: string | null = null;
  child.once("exit", (code, signal) => (ended = signal ? `signal ${signal}` : `exit ${code}`));
  child.once("error", (error) => (ended = `spawn error ${error.message}`));
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  return { pid: child.pid, ended: () => ended };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 100_000 && Date.now() < deadline; i++) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}
