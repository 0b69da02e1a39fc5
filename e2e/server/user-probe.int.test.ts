// A user probe end to end on the reach lab: the real server, the real sh script run from inside a lab
// namespace that plays the users' network, and a DROP rule there that neither the dashboard nor the run saw.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../../lab";
import { DASHBOARD_IP } from "../../lab/addresses";
import { reachNode } from "../../lab/reach";
import type { LabClient } from "../../lab/types";
import { reportSchema, type ClientReport, type Report } from "../../lib/report/schema";
import { kill, startServer, type RunningServer } from "./next-server";

const run = promisify(execFile);
const TOKEN = "user-probe-admin-token-0123456789abcdef";
const PORT = 3163;
/** Dropped from the users' network only, on a client that is healthy for the dashboard and the vantage. */
const DROPPED = "64535:64800";
const dir = mkdtempSync(join(tmpdir(), "rd-user-probe-"));
const lab = readManifest();
let server: RunningServer | null = null;
let users: LabClient;
let healthy: LabClient;
let runId = "";
let rule: string[] = [];
/** server-terraform's blocked_cidrs shape, holding the users' address: DOCKER-USER drops container replies to them. */
let blocked: string[] = [];
let createdChain = false;

const auth = { authorization: `Bearer ${TOKEN}` };
const inNs = (ns: string, args: string[], timeout = 120_000) => run("ip", ["netns", "exec", ns, ...args], { timeout });

beforeAll(async () => {
  if (!lab.reach) throw new Error("the lab has no reach parts: bring it up with npm run lab -- up --reach");
  users = reachNode(lab.reach, lab.reach.vantage);
  healthy = reachNode(lab.reach, lab.reach.healthy);
  const env = { ...process.env, RERUN_DOCTOR_DATA: join(dir, "data") };
  const { stderr } = await run(
    join(__dirname, "..", "..", "bin", "rerun-doctor"),
    ["check", "--inventory", lab.reach.inventoryFile, "--format", "json", "--timeout-ms", "1000", "--save"],
    { env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
  ).catch((e: { stderr: string; code: number }) => ({ stderr: e.stderr }));
  runId = /\/\?run=([0-9a-f-]{36})/.exec(stderr)?.[1] ?? "";
  expect(runId, stderr).not.toBe("");
  rule = ["INPUT", "-s", users.privateIp, "-p", "tcp", "--dport", DROPPED, "-j", "DROP"];
  await inNs(healthy.namespace, ["iptables", "-w", "5", "-I", ...rule]);
  // Bound to the lab's bridge address: the namespaces have a /32 route to it and to nothing else here.
  server = await startServer(
    PORT,
    { RERUN_DOCTOR_TOKEN: TOKEN, RERUN_DOCTOR_DATA: join(dir, "data"), RERUN_DOCTOR_INVENTORY: lab.reach.inventoryFile },
    DASHBOARD_IP,
  );
}, 600_000);

afterAll(async () => {
  if (rule.length > 0) await inNs(healthy.namespace, ["iptables", "-w", "5", "-D", ...rule]).catch(() => undefined);
  if (blocked.length > 0) await inNs(healthy.namespace, ["iptables", "-w", "5", "-D", ...blocked]).catch(() => undefined);
  if (createdChain) await inNs(healthy.namespace, ["iptables", "-w", "5", "-X", "DOCKER-USER"]).catch(() => undefined);
  if (server) await kill(server, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function report(): Promise<Report> {
  const body = (await (await fetch(`${server!.url}/api/runs/${runId}`, { headers: auth })).json()) as { report: unknown };
  return reportSchema.parse(body.report);
}
const client = (r: Report, name: string): ClientReport => r.clients.find((c) => c.name === name)!;

describe("a user probe from a lab namespace that plays the users' network", () => {
  it("runs the one-line command there, and its results land in the run as the users' vantage with a finding naming the path", async () => {
    const created = await fetch(`${server!.url}/api/runs/${runId}/user-probes`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ label: "TICKET-1234" }),
    });
    expect(created.status).toBe(201);
    const probe = (await created.json()) as { commands: { sh: string }; targets: number };
    expect(probe.commands.sh).toMatch(new RegExp(`^curl -fsS 'http://${DASHBOARD_IP.replace(/\./g, "\\.")}:${PORT}/api/user-probe/`));
    const before = await report();
    expect(client(before, healthy.name).findings.filter((f) => f.severity === "error")).toEqual([]);

    const started = performance.now();
    const { stderr } = await inNs(users.namespace, ["sh", "-c", probe.commands.sh]);
    console.log(
      `user probe: ${probe.targets} pairs from ${users.namespace} in ${Math.round(performance.now() - started)} ms: ${stderr.trim()}`,
    );
    expect(stderr).toMatch(/results sent/);

    const after = await report();
    const name = "users (reported by TICKET-1234)";
    expect(after.vantages).toContainEqual(expect.objectContaining({ name, kind: "users", host: users.privateIp, tool: "bash" }));
    const target = client(after, healthy.name);
    const column = target.vantages!.find((v) => v.name === name)!;
    expect(column.address).toBe(target.probedAddress);
    expect(column.counts.filtered).toBeGreaterThan(0);
    expect(column.counts.closed).toBeGreaterThan(0);
    const found = target.findings.find((f) => f.code === "RERUN_PORTS_FILTERED_FROM_USERS")!;
    expect(found.title).toContain(`Reruns fail for ${name}: part of 64535–65535`);
    expect(found.detail).toContain(`From the users' network (${users.privateIp}`);
    expect(found.detail).toContain("between the users' network and this Nomad client");
    expect(target.verdict).toBe("broken");
    expect(target.rerunsFailFrom).toEqual([name]);
    // The client the lab's vantage rule drops for that network is filtered from the users' side too.
    const dropped = client(after, lab.reach!.vantageFiltered).vantages!.find((v) => v.name === name)!;
    expect(dropped.counts).toMatchObject({ open: 0, closed: 0 });
    expect(dropped.counts.filtered).toBe(dropped.probed);

    // The ticket's offline HTML carries the users' vantage and finding; its redacted form, not their address.
    const html = async (query: string) => (await fetch(`${server!.url}/api/runs/${runId}/export?${query}`, { headers: auth })).text();
    const full = await html("format=html");
    expect(full).toContain(name);
    expect(full).toContain("RERUN_PORTS_FILTERED_FROM_USERS");
    expect(full).toContain(users.privateIp);
    const redacted = await html("format=html&redact=1");
    expect(redacted).toContain("RERUN_PORTS_FILTERED_FROM_USERS");
    expect(redacted).not.toContain(users.privateIp);
    expect(redacted).not.toContain("TICKET-1234");
  });

  it("a new run from the dashboard checks the clients' firewalls against the address the user's upload came from", async () => {
    createdChain = await inNs(healthy.namespace, ["iptables", "-w", "5", "-N", "DOCKER-USER"]).then(
      () => true,
      () => false,
    );
    blocked = ["DOCKER-USER", "-d", `${users.privateIp}/32`, "-i", "docker+", "-j", "DROP"];
    await inNs(healthy.namespace, ["iptables", "-w", "5", "-I", ...blocked]);
    const started = await fetch(`${server!.url}/api/runs`, { method: "POST", headers: auth });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    let body: { status: string; report: unknown } = { status: "running", report: null };
    for (let i = 0; i < 240 && body.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 500));
      body = (await (await fetch(`${server!.url}/api/runs/${id}`, { headers: auth })).json()) as typeof body;
    }
    expect(body.status).toBe("done");
    const fresh = reportSchema.parse(body.report);
    const name = "users (reported by TICKET-1234)";
    expect(fresh.usersNetworks).toEqual([{ cidr: `${users.privateIp}/32`, source: name }]);
    const found = client(fresh, healthy.name).findings.find((f) => f.code === "HOST_FIREWALL_DROPS_USERS")!;
    expect(found.title).toContain(`${users.privateIp} (the address ${name} uploaded from)`);
    expect(found.detail).toContain(`-A DOCKER-USER -d ${users.privateIp}/32 -i docker+ -j DROP`);
    // The INPUT rule that drops part of the range for that address only is now the dashboard's finding too.
    const input = client(fresh, healthy.name).findings.find((f) => f.code === "HOST_FIREWALL_DROPS_RERUN")!;
    expect(input.detail).toContain(`from the users' networks (${users.privateIp} (the address ${name} uploaded from))`);
    // The ticket's redacted HTML of the new run: the finding stays, the user's label and address do not.
    const redacted = await (await fetch(`${server!.url}/api/runs/${id}/export?format=html&redact=1`, { headers: auth })).text();
    expect(redacted).toContain("HOST_FIREWALL_DROPS_USERS");
    expect(redacted).not.toContain("TICKET-1234");
    expect(redacted).not.toContain(users.privateIp);
    // Data only: the run probed exactly the addresses the first run did, the users' address not among them.
    const probed = (r: Report) => Object.fromEntries(r.clients.map((c) => [c.name, c.probedAddress]));
    expect(probed(fresh)).toEqual(probed(await report()));
    expect(Object.values(probed(fresh))).not.toContain(users.privateIp);
  });

  it("refuses the same link once revoked, and the wrong token, from the users' network", async () => {
    const created = (await (
      await fetch(`${server!.url}/api/runs/${runId}/user-probes`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ label: "revoked" }),
      })
    ).json()) as { id: string; commands: { sh: string } };
    const revoked = await fetch(`${server!.url}/api/runs/${runId}/user-probes/${created.id}/revoke`, { method: "POST", headers: auth });
    expect(revoked.status).toBe(200);
    // `curl | sh` exits with sh's status, so what tells is curl's message and that nothing was probed or sent.
    const stderrOf = (command: string) =>
      inNs(users.namespace, ["sh", "-c", command]).then(
        (r) => r.stderr,
        (e: { stderr: string }) => e.stderr,
      );
    const wrong = created.commands.sh.replace(/user-probe\/[A-Za-z0-9_-]{43}/, `user-probe/${"A".repeat(43)}`);
    for (const command of [created.commands.sh, wrong]) {
      const stderr = await stderrOf(command);
      expect(stderr).toMatch(/error: 404/);
      expect(stderr).not.toMatch(/probing|results sent/);
    }
    expect((await report()).vantages?.map((v) => v.name)).not.toContain("users (reported by revoked)");
  });
});
