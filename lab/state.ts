import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { runOk } from "./exec";
import type { LabClient, LabManifest } from "./types";

export const DEFAULT_LAB_DIR = "/tmp/rerun-doctor-lab";
/** Present in every state dir the lab made; `down` deletes only such a dir. */
export const STATE_MARKER = ".rerun-doctor-lab";

export function labDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = resolve(env.RERUN_DOCTOR_LAB_DIR || DEFAULT_LAB_DIR);
  if (!isAbsolute(dir) || dir.split("/").filter(Boolean).length < 2) {
    throw new Error(`RERUN_DOCTOR_LAB_DIR must be a directory at least two levels deep, got ${dir}`);
  }
  return dir;
}

export function labPaths(dir: string) {
  return {
    dir,
    marker: join(dir, STATE_MARKER),
    identityFile: join(dir, "id_ed25519"),
    authorizedKeys: join(dir, "authorized_keys"),
    knownHosts: join(dir, "known_hosts"),
    inventory: join(dir, "inventory.yaml"),
    manifest: join(dir, "lab.json"),
    bashrc: join(dir, "bashrc"),
    labdPid: join(dir, "labd.pid"),
    labdLog: join(dir, "labd.log"),
    labdReady: join(dir, "labd.ready"),
    clientsDir: join(dir, "clients"),
  };
}
export type LabPaths = ReturnType<typeof labPaths>;

export function clientPaths(c: Pick<LabClient, "dir">) {
  return {
    hostKey: join(c.dir, "ssh_host_ed25519_key"),
    otherHostKey: join(c.dir, "other_host_ed25519_key"),
    otherUserKey: join(c.dir, "other_user_key"),
    authorizedKeys: join(c.dir, "authorized_keys"),
    sshdConfig: join(c.dir, "sshd_config"),
    sshdPid: join(c.dir, "sshd.pid"),
    sshdLog: join(c.dir, "sshd.log"),
    rerunConfig: join(c.dir, "sshd-rerun-job_config"),
    rerunPid: join(c.dir, "sshd-rerun-job.pid"),
    rerunLog: join(c.dir, "sshd-rerun-job.log"),
  };
}

/** Makes an ed25519 key without passphrase unless one is there; returns the public line. */
export async function ensureKey(path: string, comment: string): Promise<string> {
  if (!existsSync(path) || !existsSync(`${path}.pub`)) {
    mkdirSync(join(path, ".."), { recursive: true, mode: 0o700 });
    rmSync(path, { force: true });
    rmSync(`${path}.pub`, { force: true });
    await runOk("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path]);
  }
  return readFileSync(`${path}.pub`, "utf8").trim();
}

/** Reads lab.json from `dir` (default: RERUN_DOCTOR_LAB_DIR or /tmp/rerun-doctor-lab). */
export function readManifest(dir?: string): LabManifest {
  const file = labPaths(dir ?? labDir()).manifest;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read the lab manifest ${file} (is the lab up? npm run lab -- up): ${(e as Error).message}`);
  }
  const m = parsed as Partial<LabManifest>;
  if (m.schemaVersion !== 1 || !Array.isArray(m.clients)) throw new Error(`${file} is not a lab manifest`);
  return m as LabManifest;
}
