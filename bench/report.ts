import { cpus, totalmem } from "node:os";
import type { Stats } from "./measure";
import { fmtS, fmtStats } from "./measure";

export interface BenchFigures {
  readonly clients: number;
  readonly reps: number;
  readonly doctor: Stats;
  readonly doctorRssMb: number;
  readonly doctorRss100Mb: number | null;
  readonly manual: Stats;
  readonly pssh: Stats;
  readonly floor: { handshakeMs: number; probeTimeoutMs: number; floorMs: number };
  readonly web: { firstRowMs: number; completeMs: number; firstLoadJsBytes: number } | null;
  readonly versions: Record<string, string>;
}

export function renderResults(f: BenchFigures): string {
  const ratio = (other: Stats) => (other.median / f.doctor.median).toFixed(1);
  const lines = [
    "# Benchmark: fleet diagnosis against what admins use today",
    "",
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB. ` +
      `Fleet: the lab's scenarios plus healthy clients, ${f.clients} clients in all, on this same machine ` +
      "(the fleet's sshd and scripts share its two cores). " +
      `Versions: ${Object.entries(f.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}. Median (min–max) of ${f.reps} repetitions.`,
    "",
    "| procedure | time | ratio to rerun-doctor |",
    "|---|---|---|",
    `| (a) \`rerun-doctor check --format json\` | ${fmtStats(f.doctor)} | 1 |`,
    `| (b) by hand: per client \`ssh\` (override, IMDS) then \`nmap -Pn -sT -T4 -p64535-65535\` | ${fmtStats(f.manual)} | a/b = ` +
      `1/${ratio(f.manual)} |`,
    `| (c) \`parallel-ssh\` then one \`nmap -Pn -sT --min-rate 2000\` | ${fmtStats(f.pssh)} | a/c = 1/${ratio(f.pssh)} |`,
    "",
    `Floor: one probe timeout (${f.floor.probeTimeoutMs} ms) + one SSH handshake (${Math.round(f.floor.handshakeMs)} ms) = ` +
      `${fmtS(f.floor.floorMs)}; ` +
      `(a) is ${(f.doctor.median / f.floor.floorMs).toFixed(1)}× the floor.`,
    `Peak RSS of (a): ${f.doctorRssMb.toFixed(0)} MB at ${f.clients} clients` +
      (f.doctorRss100Mb === null ? "." : `, ${f.doctorRss100Mb.toFixed(0)} MB at the 100-client lab.`),
  ];
  if (f.web) {
    lines.push(
      "",
      `Web (Chromium through Playwright, same fleet): first client's row ${fmtS(f.web.firstRowMs)} after pressing Run, complete matrix ` +
        `${fmtS(f.web.completeMs)} ` +
        `(CLI median ${fmtS(f.doctor.median)}: ` +
        `${f.web.completeMs - f.doctor.median >= 0 ? "+" : ""}${fmtS(f.web.completeMs - f.doctor.median)}); ` +
        `first-load JavaScript of the home page ${(f.web.firstLoadJsBytes / 1024).toFixed(0)} KiB (uncompressed).`,
    );
  }
  return `${lines.join("\n")}\n`;
}
