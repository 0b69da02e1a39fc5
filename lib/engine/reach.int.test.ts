// `rerun-doctor check` over the lab's reach parts (`npm run lab -- up --reach`): a vantage, the
// services host, machine-job VMs and a Podman client, all real namespaces, sshds and iptables rules.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest, type LabManifest } from "../../lab";
import type { LabReach } from "../../lab/types";
import { reachNode } from "../../lab/reach";
import { reportSchema, type ClientReport, type Report } from "../report/schema";

const run = promisify(execFile);
const CLI = join(__dirname, "..", "..", "bin", "rerun-doctor");
const TIMEOUT_MS = 1000;

async function check(inventory: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await run(CLI, ["check", "--inventory", inventory, "--format", "json", "--timeout-ms", String(TIMEOUT_MS)], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 110_000,
    });
    return { code: 0, stdout, stderr, ms: performance.now() - started };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, ms: performance.now() - started };
  }
}

const scratch = mkdtempSync(join(tmpdir(), "rd-reach-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let lab: LabManifest;
let reach: LabReach;
let report: Report;
const client = (name: string): ClientReport => {
  const c = report.clients.find((x) => x.name === name);
  if (!c) throw new Error(`no client ${name} in the report`);
  return c;
};
const codes = (c: ClientReport): string[] => c.findings.map((f) => f.code).sort();

beforeAll(async () => {
  lab = readManifest();
  if (!lab.reach) throw new Error("the lab has no reach parts: bring it up with npm run lab -- up --reach");
  reach = lab.reach;
  const result = await check(reach.inventoryFile);
  expect(result.code, result.stderr).toBe(1);
  report = reportSchema.parse(JSON.parse(result.stdout));
  console.log(
    `rerun-doctor check over the reach lab (${report.clients.length} clients, 1 vantage, 2 VMs): ${Math.round(result.ms)} ms wall`,
  );
}, 600_000);

describe("rerun-doctor check against the reach lab", () => {
  it("uses the vantage, which passes its check against a known-good client", () => {
    expect(report.vantages).toEqual([
      {
        name: reach.vantage,
        host: reachNode(reach, reach.vantage).privateIp,
        check: `${reachNode(reach, reach.healthy).privateIp}:22`,
        usable: true,
        reason: null,
      },
    ]);
    expect((report.findings ?? []).map((f) => f.code)).not.toContain("VANTAGE_UNUSABLE");
  });

  it("shows a client closed from the dashboard and filtered from the vantage, naming the users affected", () => {
    const c = client(reach.vantageFiltered);
    const node = reachNode(reach, reach.vantageFiltered);
    expect(c.advertisedIp).toBe(node.publicIp);
    expect(c.ports).toMatchObject({ open: 0, closed: 1001, filtered: 0 });
    const fromVantage = c.vantages?.find((v) => v.name === reach.vantage);
    expect(fromVantage).toMatchObject({ usable: true, address: node.publicIp, counts: { open: 0, closed: 0, filtered: 1001 } });
    expect(c.rerunsFailFrom).toEqual([reach.vantage]);
    expect(codes(c)).toEqual(["RERUN_PORTS_FILTERED_FROM_VANTAGE"]);
    const f = c.findings[0]!;
    expect(f.severity).toBe("error");
    expect(f.title).toContain(`users behind ${reach.vantage}`);
    expect(f.detail).toContain("they work from the dashboard's network");
    expect(c.verdict).not.toBe("ok");
  });

  it("sees the healthy client open on every path and closed from both sources", () => {
    const c = client(reach.healthy);
    expect({ verdict: c.verdict, codes: codes(c) }).toEqual({ verdict: "ok", codes: [] });
    expect(c.vantages?.[0]).toMatchObject({ usable: true, counts: { open: 0, closed: 1001, filtered: 0 } });
    expect(c.rerunsFailFrom).toEqual([]);
    expect(c.paths?.map((p) => `${p.target}:${p.port}=${p.state}`)).toEqual([
      "services:4647=open",
      "services:8585=open",
      "services:3000=open",
      `${reach.vmOpen}:22=open`,
      `${reach.vmOpen}:2376=open`,
      `${reach.vmBlocked}:22=open`,
      `${reach.vmBlocked}:2376=open`,
    ]);
  });

  it("reports the VM whose 54782 is dropped, from the dashboard and the vantage, and not the open one", () => {
    const byName = (n: string) => report.machines?.find((m) => m.name === n);
    expect(byName(reach.vmOpen)?.from.map((f) => `${f.source}=${f.state}`)).toEqual(["dashboard=open", `${reach.vantage}=open`]);
    expect(byName(reach.vmBlocked)?.from.map((f) => `${f.source}=${f.state}`)).toEqual(["dashboard=filtered", `${reach.vantage}=filtered`]);
    const vm = (report.findings ?? []).filter((f) => f.code === "VM_PORT_54782_FILTERED");
    expect(vm).toHaveLength(1);
    expect(vm[0]!.title).toContain(reach.vmBlocked);
    expect(vm[0]!.title).toContain(`the dashboard and ${reach.vantage}`);
  });

  it("names 8585 for the client the services host drops, and only that port", () => {
    const c = client(reach.servicesBlocked);
    expect(codes(c)).toEqual(["SERVICES_UNREACHABLE"]);
    const f = c.findings[0]!;
    expect(f.title).toContain("8585");
    expect(f.title).not.toMatch(/4647|3000/);
    expect(c.paths?.filter((p) => p.state !== "open").map((p) => `${p.port}=${p.state}`)).toEqual(["8585=filtered"]);
    expect(c.verdict).toBe("broken");
  });

  it("probes the Podman client on Podman's ephemeral range, from the dashboard and the vantage", () => {
    const c = client(reach.podman);
    expect(c.facts?.runtime).toBe("podman");
    expect(c.rerunPorts).toEqual({ from: 32768, to: 60999 });
    expect(c.ports).toMatchObject({ open: 0, closed: 60999 - 32768 + 1, filtered: 0 });
    expect(c.vantages?.[0]).toMatchObject({ usable: true, counts: { filtered: 0 } });
    expect({ verdict: c.verdict, codes: codes(c) }).toEqual({ verdict: "ok", codes: [] });
    expect(client(reach.healthy).facts?.runtime).toBe("docker");
  });

  it("flags a Podman client when the inventory pins rerun.ports to the Docker range", async () => {
    const inv = parse(readFileSync(reach.inventoryFile, "utf8")) as Record<string, unknown>;
    const pinned = {
      ssh: inv.ssh,
      probe: inv.probe,
      rerun: { ports: "64535-65535" },
      clients: [{ name: reach.podman, host: reachNode(reach, reach.podman).privateIp, port: 22 }],
    };
    const file = join(scratch, "pinned.yaml");
    writeFileSync(file, stringify(pinned));
    const r = await check(file);
    expect([0, 1], r.stderr).toContain(r.code);
    const c = reportSchema.parse(JSON.parse(r.stdout)).clients[0]!;
    expect(c.rerunPorts).toBeUndefined();
    expect(c.ports).toMatchObject({ open: 0, closed: 1001, filtered: 0 });
    expect(c.findings.map((f) => f.code)).toEqual(["RERUN_RANGE_MISMATCH"]);
    expect(c.findings[0]!.title + c.findings[0]!.detail).toMatch(/32768/);
  });
});
