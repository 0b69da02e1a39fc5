import { readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest, type LabClient } from "../../lab";
import { startFakeNomad, type FakeNomad, type FakeNomadNode } from "../../lab/nomad-api-server";
import type { Report } from "../report/schema";
import { runDiagnosis } from "../engine/run-diagnosis";
import { loadInventory } from "./load";

const lab = readManifest();
const dir = mkdtempSync(join(tmpdir(), "rd-nomad-int-"));
let nomad: FakeNomad;

function labNode(c: LabClient, overrides: Partial<FakeNomadNode> = {}): FakeNomadNode {
  return {
    ID: `${c.index.toString(16).padStart(8, "0")}-4d6e-c0de-26d0-e383c49be941`,
    Name: `nomad-${c.name}`,
    Address: c.privateIp,
    Status: "ready",
    Drain: false,
    SchedulingEligibility: "eligible",
    Attributes: {
      "unique.platform.aws.public-ipv4": c.publicIp ?? "",
      "unique.platform.aws.local-ipv4": c.privateIp,
      "unique.platform.aws.instance-id": c.instanceId,
      "unique.network.ip-address": c.privateIp,
    },
    ...overrides,
  };
}

const byName = (name: string) => lab.clients.find((c) => c.name === name)!;

async function run(token: string): Promise<Report> {
  const inventory = readFileSync(lab.inventoryFile, "utf8").replace(
    /clients:[\s\S]*$/,
    `clients:\n  - { name: healthy-imdsv1, host: ${byName("healthy-imdsv1").privateIp} }\n`,
  );
  const file = join(dir, "fleet.yaml");
  writeFileSync(file, `${inventory}nomad:\n  address: ${nomad.address}\n  tokenEnv: RD_TEST_NOMAD_TOKEN\n`);
  process.env.RD_TEST_NOMAD_TOKEN = token;
  return runDiagnosis(loadInventory(file), { connectTimeoutMs: 2000 });
}

beforeAll(async () => {
  nomad = await startFakeNomad({
    token: "lab-acl-token",
    pageSize: 2,
    nodes: [
      labNode(byName("healthy-imdsv1")),
      labNode(byName("healthy-001")),
      labNode(byName("healthy-002"), { Drain: true }),
      labNode(byName("healthy-003"), { Status: "down" }),
      labNode(byName("healthy-004"), {
        Attributes: { ...labNode(byName("healthy-004")).Attributes, "unique.platform.aws.public-ipv4": "198.51.100.250" },
      }),
      labNode(byName("sg-drops-rerun-range")),
      // A GCE node: only env_gce.go's attributes, its external IP not the one GCP metadata gives the client.
      labNode(byName("gcp-external-ip"), {
        Attributes: {
          "unique.platform.gce.id": "4419285614364929417",
          "unique.platform.gce.hostname": "gcp-external-ip.c.lab.internal",
          "platform.gce.zone": "us-east1-b",
          "unique.platform.gce.network.default.ip": byName("gcp-external-ip").privateIp,
          "unique.platform.gce.network.default.external-ip.0": "198.51.100.251",
          "unique.network.ip-address": byName("gcp-external-ip").privateIp,
        },
      }),
    ],
  });
});
afterAll(async () => {
  await nomad.close();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.RD_TEST_NOMAD_TOKEN;
});

describe("the lab fleet discovered from the Nomad API", () => {
  it("inspects discovered nodes, lists drained and down ones without failing them, and flags a stale fingerprint", async () => {
    const report = await run("lab-acl-token");
    expect(report.nomad?.error).toBeNull();
    expect(report.clients.map((c) => c.name).sort()).toEqual([
      "healthy-imdsv1",
      "nomad-gcp-external-ip",
      "nomad-healthy-001",
      "nomad-healthy-004",
      "nomad-sg-drops-rerun-range",
    ]);
    const skipped = Object.fromEntries(report.nomad!.nodes.filter((n) => n.skipped).map((n) => [n.name, n.skipped]));
    expect(skipped).toEqual({ "nomad-healthy-002": "node is draining", "nomad-healthy-003": "node is down" });
    const client = (name: string) => report.clients.find((c) => c.name === name)!;
    expect(client("healthy-imdsv1")).toMatchObject({ source: "inventory", verdict: "ok", nomad: { name: "nomad-healthy-imdsv1" } });
    expect(client("nomad-healthy-001")).toMatchObject({ source: "nomad", verdict: "ok" });
    expect(client("nomad-healthy-004").findings.map((f) => f.code)).toEqual(["NOMAD_FINGERPRINT_MISMATCH"]);
    expect(client("nomad-healthy-004").findings[0]!.detail).toContain('public IPv4: Nomad has "198.51.100.250"');
    expect(client("nomad-sg-drops-rerun-range")).toMatchObject({ verdict: "broken", ports: { filtered: 1001 } });
    const gce = client("nomad-gcp-external-ip");
    expect(gce.findings.map((f) => f.code)).toEqual(["NOMAD_FINGERPRINT_MISMATCH"]);
    expect(gce.findings[0]!.detail).toContain("198.51.100.251");
    expect(gce.findings[0]!.detail).toContain(byName("gcp-external-ip").publicIp!);
  });

  it("with a token Nomad refuses, says so and still inspects the inventory's own clients", async () => {
    const report = await run("wrong-token");
    expect(report.nomad?.error).toMatch(/403/);
    expect(report.clients.map((c) => [c.name, c.verdict])).toEqual([["healthy-imdsv1", "ok"]]);
  });
});
