import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LabManifest } from "../lab";
import { advertisedByHand, isLabAddress, MANUAL_REMOTE_COMMAND, parseManualOutput } from "./lab-ips";
import { timed } from "./measure";

const RERUN_RANGE = "64535-65535";

function sshOptions(lab: LabManifest, connectTimeoutS: number): string[] {
  return [
    "-i",
    lab.identityFile,
    "-F",
    "/dev/null",
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    `UserKnownHostsFile=${lab.knownHostsFile}`,
    "-o",
    `ConnectTimeout=${connectTimeoutS}`,
    "-o",
    "LogLevel=ERROR",
  ];
}

/** (b) What admins do today: each client in turn, OpenSSH for the facts, then nmap -T4 on its advertised IP. */
export async function manualProcedure(lab: LabManifest, connectTimeoutS: number): Promise<{ ms: number; scanned: number }> {
  const started = performance.now();
  let scanned = 0;
  for (const client of lab.clients) {
    const facts = await timed("timeout", [
      String(connectTimeoutS * 3),
      "ssh",
      ...sshOptions(lab, connectTimeoutS),
      `root@${client.privateIp}`,
      MANUAL_REMOTE_COMMAND,
    ]);
    const parsed = parseManualOutput(facts.stdout);
    const ip = facts.code === 0 ? advertisedByHand(parsed.override, parsed.metadata) : null;
    if (ip === null || !isLabAddress(ip)) continue;
    await timed("nmap", ["-Pn", "-sT", `-p${RERUN_RANGE}`, "-T4", ip]);
    scanned++;
  }
  return { ms: performance.now() - started, scanned };
}

/** (c) A tuned peer pipeline: parallel-ssh, one process per client, then one nmap over every advertised IP. */
export async function psshPipeline(lab: LabManifest, connectTimeoutS: number): Promise<{ ms: number; scanned: number }> {
  const dir = mkdtempSync(join(tmpdir(), "rd-bench-pssh-"));
  try {
    const started = performance.now();
    writeFileSync(join(dir, "hosts"), lab.clients.map((c) => `root@${c.privateIp}`).join("\n") + "\n");
    await timed("parallel-ssh", [
      "-h",
      join(dir, "hosts"),
      "-p",
      String(lab.clients.length),
      "-t",
      String(connectTimeoutS * 3),
      "-o",
      join(dir, "out"),
      "-x",
      sshOptions(lab, connectTimeoutS).join(" "),
      MANUAL_REMOTE_COMMAND,
    ]);
    const ips = new Set<string>();
    for (const file of readdirSync(join(dir, "out"))) {
      const parsed = parseManualOutput(readFileSync(join(dir, "out", file), "utf8"));
      const ip = advertisedByHand(parsed.override, parsed.metadata);
      if (ip !== null && isLabAddress(ip)) ips.add(ip);
    }
    if (ips.size > 0) await timed("nmap", ["-Pn", "-sT", "--min-rate", "2000", `-p${RERUN_RANGE}`, ...ips]);
    return { ms: performance.now() - started, scanned: ips.size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** nmap alone, as tuned as it gets for a connect scan, over the addresses the clients advertise. */
export async function nmapOnly(lab: LabManifest): Promise<{ ms: number; scanned: number }> {
  const ips = lab.clients.map((c) => c.publicIp).filter((ip): ip is string => ip !== null && isLabAddress(ip));
  const r = await timed("nmap", ["-Pn", "-sT", "--min-rate", "2000", `-p${RERUN_RANGE}`, ...ips]);
  if (r.code !== 0) throw new Error(`nmap exited ${r.code}`);
  return { ms: r.ms, scanned: ips.length };
}
