import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseInventory } from "./load";
import { NEWEST_SERVER_VERSION } from "./types";
import { problemsOf } from "./test-problems";

const FILE = "/etc/rerun-doctor/fleet.yaml";
const KEYS = mkdtempSync(join(tmpdir(), "rd-keys-"));
writeFileSync(join(KEYS, "id_ed25519"), "not a real key: only its existence is checked here\n");
afterAll(() => rmSync(KEYS, { recursive: true, force: true }));
const HEAD = "ssh:\n  user: ubuntu\n  identityFile: ${KEYS}/id_ed25519\n";
const TAIL = "clients:\n  - {name: a, host: 10.0.1.12}\n";

describe("server.terraformModule", () => {
  it("names the nomad-aws module tag, with or without server.version", () => {
    const both = parseInventory(`${HEAD}server:\n  version: "4.5"\n  terraformModule: "4.5.0"\n${TAIL}`, FILE, { KEYS });
    expect(both.server).toEqual({ version: "4.5", terraformModule: "4.5.0" });
    const alone = parseInventory(`${HEAD}server:\n  terraformModule: v4.9.1\n${TAIL}`, FILE, { KEYS });
    expect(alone.server).toEqual({ version: NEWEST_SERVER_VERSION, terraformModule: "v4.9.1" });
    expect(parseInventory(`${HEAD}${TAIL}`, FILE, { KEYS }).server).toEqual({ version: NEWEST_SERVER_VERSION });
  });

  it("refuses a value that is not a version, naming file, line and field", () => {
    expect(problemsOf(`${HEAD}server:\n  terraformModule: "latest; rm -rf /"\n${TAIL}`, FILE, { KEYS })).toEqual([
      "fleet.yaml:5: server.terraformModule: must be a module version like 4.9.0",
    ]);
  });
});
