import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { readManifest } from "../../lab";
import { kill, startServer, type RunningServer } from "./next-server";

const run = promisify(execFile);
const TOKEN = "cli-save-admin-token-0123456789abcdef";
const lab = readManifest();
const dir = mkdtempSync(join(tmpdir(), "rd-cli-save-"));
let server: RunningServer | null = null;
afterAll(async () => {
  if (server) await kill(server, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("rerun-doctor check --save", () => {
  it("stores the run where the dashboard shows it, as started by the CLI, and prints its link", async () => {
    const clients = lab.clients.filter((c) => c.scenario === "healthy-imdsv1").slice(0, 2);
    const inventory = readFileSync(lab.inventoryFile, "utf8").replace(
      /clients:[\s\S]*$/,
      `clients:\n${clients.map((c) => `  - { name: ${c.name}, host: ${c.privateIp} }`).join("\n")}\n`,
    );
    writeFileSync(join(dir, "fleet.yaml"), inventory);
    const env = { ...process.env, RERUN_DOCTOR_DATA: join(dir, "data"), RERUN_DOCTOR_URL: "http://127.0.0.1:3159" };
    const { stderr } = await run(
      join(__dirname, "..", "..", "bin", "rerun-doctor"),
      ["check", "--inventory", join(dir, "fleet.yaml"), "--format", "json", "--save"],
      { env },
    );
    const id = /\/\?run=([0-9a-f-]{36})/.exec(stderr)?.[1];
    expect(id, stderr).toBeDefined();

    server = await startServer(3159, {
      RERUN_DOCTOR_TOKEN: TOKEN,
      RERUN_DOCTOR_DATA: join(dir, "data"),
      RERUN_DOCTOR_INVENTORY: join(dir, "fleet.yaml"),
    });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const list = (await (await fetch(`${server.url}/api/runs`, { headers: auth })).json()) as { runs: { id: string; origin: string }[] };
    expect(list.runs).toContainEqual(expect.objectContaining({ id, origin: "cli" }));
    const view = (await (await fetch(`${server.url}/api/runs/${id}`, { headers: auth })).json()) as {
      status: string;
      report: { clients: { name: string; verdict: string }[] };
    };
    expect(view.status).toBe("done");
    expect(view.report.clients.map((c) => [c.name, c.verdict])).toEqual(clients.map((c) => [c.name, "ok"]));
  }, 90_000);
});
