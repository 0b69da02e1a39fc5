// The host checks and nomad.via discovery against the lab; assumes `npm run lab -- up` ran (every scenario).
import { writeFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest, type LabManifest } from "../../lab";
import { loadInventory } from "../inventory/load";
import { planRun, runDiagnosis } from "./run-diagnosis";

let lab: LabManifest;
const scratch = mkdtempSync(join(tmpdir(), "rd-host-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeAll(() => {
  lab = readManifest();
});

/** The lab inventory, its clients cut to `names`, plus `extra` YAML. */
function inventoryOf(names: readonly string[], extra: string): string {
  const chosen = lab.clients.filter((c) => names.includes(c.name));
  const text = readFileSync(lab.inventoryFile, "utf8").replace(
    /clients:[\s\S]*$/,
    `clients:\n${chosen.map((c) => `  - { name: ${c.name}, host: ${c.privateIp} }`).join("\n")}\n${extra}`,
  );
  const file = join(scratch, `inv-${names.length}-${extra.length}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe("host checks over the collect session", () => {
  it("read each scenario's firewall, routes and agent, and say what each is", async () => {
    const names = [
      "host-input-drops-rerun",
      "host-nft-drops-rerun",
      "docker-user-blocked-users",
      "users-overlap-docker-bridge",
      "nomad-agent-draining",
      "healthy-imdsv1",
    ];
    const report = await runDiagnosis(loadInventory(inventoryOf(names, "")));
    const byName = new Map(report.clients.map((c) => [c.name, c]));
    const find = (name: string, code: string) => byName.get(name)!.findings.find((f) => f.code === code);
    expect(find("host-input-drops-rerun", "HOST_FIREWALL_DROPS_RERUN")!.detail).toContain(
      "-A INPUT -p tcp -m tcp --dport 64535:65535 -j DROP",
    );
    expect(find("host-nft-drops-rerun", "HOST_FIREWALL_DROPS_RERUN")!.detail).toContain(
      "nft inet filter input: tcp dport 64535-65535 drop",
    );
    expect(find("docker-user-blocked-users", "HOST_FIREWALL_DROPS_USERS")!.title).toContain("10.0.5.0/24");
    expect(find("users-overlap-docker-bridge", "USERS_ROUTED_TO_DOCKER_BRIDGE")!.detail).toContain("dev docker0");
    expect(find("nomad-agent-draining", "NOMAD_NODE_UNSCHEDULABLE")!.title).toBe(
      "Nomad node nomad-agent-draining is draining, ineligible for scheduling",
    );
    expect(byName.get("healthy-imdsv1")!.verdict).toBe("ok");
  });

  it("without users, a drop of the range for everyone is still named, and users' checks are skipped", async () => {
    const file = inventoryOf(["host-input-drops-rerun", "users-overlap-docker-bridge"], "");
    writeFileSync(file, readFileSync(file, "utf8").replace(/users:\n\s+cidrs:\n(\s+- .*\n)+/, ""));
    const inventory = loadInventory(file);
    expect(inventory.users).toBeNull();
    const report = await runDiagnosis(inventory);
    expect(report.clients.map((c) => [c.name, c.findings.map((f) => f.code).sort()])).toEqual([
      ["host-input-drops-rerun", ["HOST_FIREWALL_DROPS_RERUN", "RERUN_PORTS_FILTERED"]],
      ["users-overlap-docker-bridge", []],
    ]);
  });
});

describe("nomad.via: the fleet through one client's agent", () => {
  it("lists the agents' nodes, inspects those inside allowCidrs and skips the rest with the reason", async () => {
    const via = "\nnomad:\n  via: nomad-agent-ready\n  allowCidrs: [198.51.100.0/25]\n";
    const inventory = loadInventory(inventoryOf(["nomad-agent-ready"], via));
    const plan = await planRun(inventory);
    expect(plan.nomad).toMatchObject({ address: "via nomad-agent-ready (its Nomad agent on localhost:4646)", error: null });
    const skipped = Object.fromEntries(plan.nomad!.nodes.map((n) => [n.name, n.skipped]));
    expect(skipped).toEqual({
      "nomad-agent-ready": null,
      "nomad-agent-draining": "node is draining",
      "nomad-agent-ineligible": "node is ineligible for scheduling",
      "nomad-agent-mtls": "node is ineligible for scheduling",
      "nomad-decoy-down": "node is down",
      "nomad-decoy-outside": "198.51.100.253 is outside nomad.allowCidrs",
    });
    expect(plan.targets.map((t) => [t.name, t.source])).toEqual([["nomad-agent-ready", "inventory"]]);
    const report = await runDiagnosis(inventory, { plan });
    expect(report.clients.map((c) => [c.name, c.verdict])).toEqual([["nomad-agent-ready", "ok"]]);
  });

  it("reports a client with no agent as the discovery's error and inspects the static clients", async () => {
    const via = "\nnomad:\n  via: healthy-imdsv1\n  allowCidrs: [198.51.100.0/25]\n";
    const plan = await planRun(loadInventory(inventoryOf(["healthy-imdsv1"], via)));
    expect(plan.nomad!.error).toMatch(/no Nomad agent answered/);
    expect(plan.targets.map((t) => t.name)).toEqual(["healthy-imdsv1"]);
  });
});
