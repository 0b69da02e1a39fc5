import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { manualProcedure, nmapOnly, psshPipeline } from "./baselines";
import { measureFloor } from "./floor";
import { ALL_DROP, doctorOnce, engineRun, labDown, labUp } from "./fleets";
import { fmtS, stats } from "./measure";
import { renderResults, type BenchFigures } from "./report";
import { ensureBuild, measureWeb } from "./web";
import { MAX_CLIENTS } from "../lab/plan";
import { SCENARIOS } from "../lab/scenarios";

const ROOT = join(__dirname, "..");
const CONNECT_TIMEOUT_S = 5;
/** The lab holds 125 clients: one scenario and 124 copies of it. */
const LAB_MAX_EXTRAS = 124;

function parse(argv: readonly string[]): { clients: number; reps: number; smoke: boolean; web: boolean } {
  const smoke = argv.includes("--smoke");
  const value = (flag: string, fallback: number, max: number) => {
    const i = argv.indexOf(flag);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${flag} must be a whole number from 0 to ${max}`);
    return n;
  };
  return {
    clients: value("--clients", smoke ? 5 : 50, MAX_CLIENTS - SCENARIOS.length),
    reps: value("--reps", smoke ? 1 : 3, 20),
    smoke,
    web: !argv.includes("--no-web"),
  };
}

async function repeat<T extends { ms: number }>(reps: number, label: string, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < reps; i++) {
    out.push(await fn());
    process.stderr.write(`bench: ${label} ${i + 1}/${reps}: ${fmtS(out.at(-1)!.ms)}\n`);
  }
  return out;
}

/** Some tools (ssh -V) print their version on stderr. */
function version(cmd: string, args: string[], pattern: RegExp): string {
  const out = spawnSync(cmd, args, { encoding: "utf8", timeout: 10_000 });
  return pattern.exec(`${out.stdout ?? ""}${out.stderr ?? ""}`)?.[1] ?? "?";
}

const median = (values: readonly number[]) => (values.length === 0 ? 0 : stats(values).median);

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  if (process.getuid?.() !== 0) throw new Error("the benchmark brings up the lab: run it as root");
  if (opts.web) ensureBuild(ROOT);
  // (1) The usual fleet: every scenario, filtered clients among them, plus healthy ones.
  let lab = labUp(opts.clients);
  const clients = lab.clients.length;
  const doctor = await repeat(opts.reps, "rerun-doctor", () => doctorOnce(lab));
  // Once: it takes minutes, and no target depends on it.
  const manual = opts.smoke ? null : await repeat(1, "by hand (ssh + nmap -T4)", () => manualProcedure(lab, CONNECT_TIMEOUT_S));
  const pssh = await repeat(opts.reps, "parallel-ssh + nmap", () => psshPipeline(lab, CONNECT_TIMEOUT_S));
  const floor = await measureFloor(lab);
  const one = await engineRun(lab, 1);
  const ten = await engineRun(lab, 10);
  process.stderr.write(`bench: 10 runs at once in one process: ${fmtS(ten.wallMs)}, ${ten.rssMb.toFixed(0)} MB\n`);
  const web = opts.web ? await measureWeb(lab) : null;
  const healthy = one.rows.filter((r) => r.verdict === "ok");
  // (2) Every client's security group drops the rerun range, the lab at its largest.
  lab = labUp(opts.smoke ? 4 : LAB_MAX_EXTRAS, ALL_DROP);
  const drop = await repeat(opts.reps, "rerun-doctor, all-drop fleet", () => doctorOnce(lab));
  // Once each: over a dropped range nmap takes minutes, and the ratio does not hinge on its spread.
  const dropNmap = await repeat(1, "nmap --min-rate 2000, all-drop fleet", () => nmapOnly(lab));
  const dropPssh = await repeat(1, "parallel-ssh + nmap, all-drop fleet", () => psshPipeline(lab, CONNECT_TIMEOUT_S));
  const figures: BenchFigures = {
    clients,
    reps: opts.reps,
    doctor: stats(doctor.map((d) => d.ms)),
    doctorRssMb: Math.max(...doctor.map((d) => d.rssMb)),
    manual: manual && stats(manual.map((m) => m.ms)),
    pssh: stats(pssh.map((p) => p.ms)),
    floor,
    cpu: {
      cliMsPerClient: median(doctor.map((d) => d.cpuMs)) / clients,
      engineMsPerClient: one.cpuMs / clients,
      fleetShare: median(doctor.map((d) => Math.max(0, d.machineMs - d.cpuMs) / d.machineMs)),
    },
    rows: {
      firstHealthyMs: healthy[0]?.atMs ?? null,
      healthyScanMedianMs: median(healthy.map((r) => r.scanMs)),
      healthyScanMaxMs: Math.max(0, ...healthy.map((r) => r.scanMs)),
      lastRowMs: one.rows.at(-1)?.atMs ?? 0,
      filtered: one.rows.filter((r) => r.verdict !== "ok").length,
    },
    tenRuns: { wallMs: ten.wallMs, rssMb: ten.rssMb },
    allDrop: {
      clients: lab.clients.length,
      doctor: stats(drop.map((d) => d.ms)),
      rssMb: Math.max(...drop.map((d) => d.rssMb)),
      nmap: stats(dropNmap.map((d) => d.ms)),
      pssh: stats(dropPssh.map((d) => d.ms)),
    },
    web,
    versions: {
      node: process.version,
      OpenSSH: version("ssh", ["-V"], /OpenSSH_([\w.]+)/),
      nmap: version("nmap", ["--version"], /Nmap version ([\d.]+)/),
      "parallel-ssh": version("parallel-ssh", ["--version"], /([\d.]+)/),
      chromium: version("/usr/lib/chromium/chromium", ["--version"], /Chromium ([\d.]+)/),
    },
  };
  const text = renderResults(figures);
  process.stdout.write(text);
  if (!opts.smoke) writeFileSync(join(ROOT, "bench", "results.md"), text);
}

main()
  .finally(labDown)
  .catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
