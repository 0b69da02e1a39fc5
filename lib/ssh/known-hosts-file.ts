import { mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { SshConfigError } from "./errors";
import { parseKnownHosts, type KnownHostEntry } from "./known-hosts";

/** Reads and parses known_hosts; a missing file is an empty one. */
export async function readKnownHosts(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new SshConfigError(`cannot read known_hosts file ${file}: ${(err as NodeJS.ErrnoException).code ?? "error"}`, file);
  }
}

// Per-file queue so concurrent pins in this process never interleave or lose a line.
const queues = new Map<string, Promise<unknown>>();

/** Runs `task` while holding this process's lock on `file`. */
export function withKnownHostsLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(file, tail);
  void tail.then(() => {
    if (queues.get(file) === tail) queues.delete(file);
  });
  return run;
}

/** Appends one line, creating the file (0600) and its folder (0700) when missing. */
export async function appendKnownHostsLine(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, "a+", 0o600);
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    const prefix = size > 0 && last[0] !== 0x0a ? "\n" : "";
    await handle.appendFile(`${prefix}${line}\n`);
  } finally {
    await handle.close();
  }
}
