import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnDetached, waitFor, type Detached } from "./exec";
import { alive, cmdline, findProcesses, isLabd, terminate } from "./procs";
import type { LabPaths } from "./state";

const here = typeof __dirname === "string" ? __dirname : dirname(fileURLToPath(import.meta.url));
export const LABD_SCRIPT = join(here, "labd.py");
export const PYTHON = "/usr/bin/python3";

/** Starts labd on the written manifest and waits until every socket is bound. */
export async function startLabd(paths: LabPaths): Promise<number> {
  rmSync(paths.labdReady, { force: true });
  const log = openSync(paths.labdLog, "a");
  let labd: Detached;
  try {
    labd = spawnDetached(PYTHON, [LABD_SCRIPT, "--manifest", paths.manifest, "--pidfile", paths.labdPid, "--ready", paths.labdReady], log);
  } finally {
    closeSync(log);
  }
  const ready = await waitFor(() => existsSync(paths.labdReady) || labd.ended() !== null, 20_000);
  if (!ready || !existsSync(paths.labdReady)) {
    const how = labd.ended() ?? "still starting after 20 s";
    throw new Error(`labd did not come up (${how}); see ${paths.labdLog}:\n${readFileSync(paths.labdLog, "utf8").slice(-2000)}`);
  }
  return labd.pid;
}

/** Stops labd by its pid file and by command line (so a lost state dir does not matter). */
export async function stopLabd(paths: LabPaths | null): Promise<number[]> {
  const pids = new Set(findProcesses(isLabd));
  if (paths && existsSync(paths.labdPid)) {
    const pid = Number(readFileSync(paths.labdPid, "utf8").trim());
    if (pid > 1 && alive(pid) && isLabd(cmdline(pid) ?? [])) pids.add(pid);
  }
  await terminate([...pids]);
  return [...pids];
}
