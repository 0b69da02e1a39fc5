// Secrets never leave the server, and no API input widens a run beyond the inventory's clients.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { expected, observed, readManifest } from "../../lab";
import { clientPaths } from "../../lab/state";
import { kill, startServer, type RunningServer } from "./next-server";

const lab = readManifest();
const dir = mkdtempSync(join(tmpdir(), "rd-secrets-"));
const TOKEN = `tok-${randomBytes(18).toString("hex")}`;
const PASSPHRASE = `pp-${randomBytes(12).toString("hex")}`;
const CHOSEN = ["healthy-imdsv1", "override-garbage", "metadata-blocked-override"];
const chosen = lab.clients.filter((c) => CHOSEN.includes(c.name));
const others = lab.clients.filter((c) => !CHOSEN.includes(c.name) && c.sshd === "running");
const responses: string[] = [];
let server: RunningServer;
const logSizes = new Map<string, number>();

/** Lines of the key files long enough to be unmistakable. */
function keyLines(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.length >= 20 && !l.startsWith("-----"));
}

async function api(path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...init.headers },
  });
  const text = await response.text();
  responses.push(`${path} ${response.status} ${JSON.stringify([...response.headers])} ${text}`);
  return { status: response.status, text };
}

beforeAll(async () => {
  const key = join(dir, "encrypted_key");
  copyFileSync(lab.identityFile, key);
  execFileSync("ssh-keygen", ["-q", "-p", "-f", key, "-P", "", "-N", PASSPHRASE]);
  const inventory = parse(readFileSync(lab.inventoryFile, "utf8")) as { ssh: Record<string, unknown>; clients: unknown[] };
  inventory.ssh = { ...inventory.ssh, identityFile: key, passphraseEnv: "RD_TEST_PASSPHRASE" };
  inventory.clients = chosen.map((c) => ({ name: c.name, host: c.privateIp }));
  writeFileSync(join(dir, "fleet.yaml"), stringify(inventory));
  for (const c of others) logSizes.set(c.name, statSync(clientPaths(c).sshdLog).size);
  server = await startServer(3155, {
    RERUN_DOCTOR_TOKEN: TOKEN,
    RD_TEST_PASSPHRASE: PASSPHRASE,
    RERUN_DOCTOR_DATA: join(dir, "data"),
    RERUN_DOCTOR_INVENTORY: join(dir, "fleet.yaml"),
  });
}, 300_000);

afterAll(async () => {
  if (server) await kill(server, "SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

type RunBody = { status: string; report: { clients: { name: string; host: string; verdict: string; findings: { code: string }[] }[] } };

describe("a run started through the API", () => {
  let run: RunBody;

  it("covers exactly the inventory's clients, whatever the request names", { timeout: 300_000 }, async () => {
    const victim = others[0]!;
    const body = {
      hosts: [victim.privateIp, "127.0.0.1"],
      clients: [{ name: "x", host: victim.privateIp }],
      inventory: "/etc/passwd",
      probe: { allowCidrs: ["0.0.0.0/0"] },
    };
    const started = await api(`/api/runs?inventory=${encodeURIComponent(lab.inventoryFile)}&host=${victim.privateIp}`, {
      method: "POST",
      body: JSON.stringify(body),
    });
    expect(started.status).toBe(202);
    const { id } = JSON.parse(started.text) as { id: string };
    // A bound against a hang, not a speed: on a squeezed machine a run takes minutes.
    for (const until = Date.now() + 240_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      run = JSON.parse((await api(`/api/runs/${id}`)).text) as RunBody;
      if (run.status !== "running") break;
    }
    expect(run.status).toBe("done");
    expect(run.report.clients.map((c) => [c.name, c.host]).sort()).toEqual(chosen.map((c) => [c.name, c.privateIp]).sort());
    for (const c of chosen) {
      const got = run.report.clients.find((x) => x.name === c.name)!;
      expect({ name: c.name, ...observed(got) }).toEqual({ name: c.name, ...expected(c.expect) });
    }
    for (const c of others) {
      const log = readFileSync(clientPaths(c).sshdLog, "utf8").slice(logSizes.get(c.name));
      expect(log, c.name).not.toMatch(/Connection from/);
    }
    await api("/api/runs");
    for (const format of ["json", "markdown"]) await api(`/api/runs/${id}/export?format=${format}`);
    const share = JSON.parse((await api(`/api/runs/${id}/share`, { method: "POST", body: JSON.stringify({ redact: false }) })).text) as {
      url: string;
    };
    await api(new URL(share.url).pathname.replace("/share/", "/api/share/"));
    await api(`/api/runs/${id}/share`);
  });

  it("never shows the private key, its passphrase or the admin token: not in API responses, the server log or the client bundle", () => {
    const secrets = [...keyLines(lab.identityFile), ...keyLines(join(dir, "encrypted_key")), PASSPHRASE, TOKEN, "PRIVATE KEY-----"];
    expect(secrets.length).toBeGreaterThan(6);
    expect(responses.length).toBeGreaterThanOrEqual(7);
    const bundle: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else bundle.push(readFileSync(join(d, e.name), "latin1"));
      }
    };
    walk(join(__dirname, "..", "..", ".next", "static"));
    expect(bundle.length).toBeGreaterThan(3);
    const places: [string, string][] = [
      ["API responses", responses.join("\n")],
      ["server log", server.output()],
      ["client bundle", bundle.join("\n")],
    ];
    for (const [where, text] of places)
      for (const secret of secrets) expect(text.includes(secret), `${where} holds ${secret.slice(0, 12)}…`).toBe(false);
  });
});
