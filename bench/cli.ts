import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readManifest, type LabManifest } from "../lab";
import { manualProcedure, psshPipeline } from "./baselines";
import { measureFloor } from "./floor";
import { fmtS, stats, timed } from "./measure";
import { renderResults, type BenchFigures } from "./report";
import { measureWeb } from "./web";

const ROOT = join(__dirname, "..");
const CONNECT_TIMEOUT_S = 5;

function parse(argv: readonly string[]): { clients: number; reps: number; smoke: boolean; web: boolean } {
  const smoke = argv.includes("--smoke");
  const value = (flag: string, fallback: number, max: number) => {
    const i = argv.indexOf(flag);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${flag} must be a whole number from 0 to ${max}`);
    return n;
  };
  return {
    clients: value("--clients", smoke ? 5 : 50, 100),
    reps: value("--reps", smoke ? 1 : 3, 20),
    smoke,
    web: !argv.includes("--no-web"),
  };
}

function labUp(extra: number): LabManifest {
  execFileSync("npx", ["tsx", "lab/cli.ts", "up", "--clients", String(extra)], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  return readManifest();
}

async function doctorOnce(lab: LabManifest): Promise<{ ms: number; rssMb: number }> {
  const r = await timed(join(ROOT, "bin", "rerun-doctor"), ["check", "--inventory", lab.inventoryFile, "--format", "json"]);
  const report = JSON.parse(r.stdout) as { clients: unknown[] };
  if (r.code !== 1 || report.clients.length !== lab.clients.length)
    throw new Error(`rerun-doctor check: exit ${r.code}, ${report.clients.length} clients`);
  return { ms: r.ms, rssMb: r.maxRssKb / 1024 };
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

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  if (process.getuid?.() !== 0) throw new Error("the benchmark brings up the lab: run it as root");
  let lab = labUp(opts.clients);
  const fleetSize = lab.clients.length;
  const doctor = await repeat(opts.reps, "rerun-doctor", () => doctorOnce(lab));
  const manual = await repeat(opts.reps, "by hand (ssh + nmap -T4)", () => manualProcedure(lab, CONNECT_TIMEOUT_S));
  const pssh = await repeat(opts.reps, "parallel-ssh + nmap", () => psshPipeline(lab, CONNECT_TIMEOUT_S));
  const floor = await measureFloor(lab);
  const web = opts.web ? await measureWeb(lab) : null;
  let doctorRss100Mb: number | null = null;
  if (!opts.smoke && opts.clients < 100) {
    lab = labUp(100);
    doctorRss100Mb = (await doctorOnce(lab)).rssMb;
  }
  const figures: BenchFigures = {
    clients: fleetSize,
    reps: opts.reps,
    doctor: stats(doctor.map((d) => d.ms)),
    doctorRssMb: Math.max(...doctor.map((d) => d.rssMb)),
    doctorRss100Mb,
    manual: stats(manual.map((m) => m.ms)),
    pssh: stats(pssh.map((p) => p.ms)),
    floor,
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

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
