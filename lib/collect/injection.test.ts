// No inventory or remote value reaches a shell: the one remote command is constant, values are data.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SshSettings, Target } from "../inventory/types";
import type { ExecOptions } from "../ssh/types";
import { diagnoseClient } from "../diagnose/diagnose-client";
import { CTX, collected, findingOf, makeFacts, makeObservation, overrideFile } from "../diagnose/test-fixtures";
import { parseCollectOutput } from "./parse";
import { HOST_SCRIPT } from "./host-script";
import { COLLECT_SCRIPT, TEMP_DIR_CLEANUP } from "./script";

const calls: { command: string; opts: ExecOptions }[] = [];
vi.mock("../ssh/open-session", () => ({
  openSession: async () => ({
    ok: true,
    hostKeyFingerprint: "SHA256:fake",
    timings: { tcpMs: 1, bannerMs: 1, loginMs: 1 },
    session: {
      exec: async (command: string, opts: ExecOptions) => {
        calls.push({ command, opts });
        return {
          code: 0,
          signal: null,
          stdout: Buffer.from("rd-begin 2\nrd-blobs \nrd-end 2\n"),
          stderr: Buffer.alloc(0),
          truncated: false,
          timedOut: false,
          arrivals: [],
          durationMs: 1,
        };
      },
      forwardOut: async () => ({ state: "closed", reason: "conn-refused", rttMs: 1 }),
      end: () => undefined,
    },
  }),
}));
const { collectClient } = await import("./collect-client");

const HOSTILE = "$(reboot)`reboot`;rm -rf /|nc x 1&&id>x'\"\n";
const SSH: SshSettings = {
  user: HOSTILE,
  knownHostsFile: HOSTILE,
  hostKeyPolicy: "strict",
  connectTimeoutMs: 1000,
  commandTimeoutMs: 2000,
  identityFile: HOSTILE,
};

beforeEach(() => void calls.splice(0));

describe("the collect command", () => {
  it("is written with no JavaScript interpolation: the script is fixed text", () => {
    const source = readFileSync(join(__dirname, "script.ts"), "utf8");
    const literal = source.slice(source.indexOf("String.raw`"));
    expect(literal).not.toContain("${");
    expect(COLLECT_SCRIPT).not.toMatch(/\beval\b|\bsource\b|^\s*\.\s/m);
    // Written out in the script, and shared with the host checks' prelude.
    expect(COLLECT_SCRIPT).toContain(TEMP_DIR_CLEANUP);
    expect(HOST_SCRIPT).toContain(TEMP_DIR_CLEANUP);
  });

  it("runs the constant `sh -s` with the fixed script on stdin, whatever the target and settings say", async () => {
    const target: Target = { name: HOSTILE, host: HOSTILE, port: 22, user: HOSTILE, source: "nomad" };
    const outcome = await collectClient(target, SSH, { ports: [{ from: 64535, to: 65535 }] });
    expect(outcome.kind).toBe("collected");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.command).toBe("sh -s");
    expect(calls[0]!.opts.stdin).toBe(COLLECT_SCRIPT);
  });

  it("reads the override with head -c into a file and prints it as a framed blob, never evaluating it", () => {
    expect(COLLECT_SCRIPT).toContain('head -c 65536 "$F" > override');
    expect(COLLECT_SCRIPT).not.toMatch(/\$\(cat[^)]*(override|\$F)/);
  });
});

describe("a remote value that looks like a command", () => {
  it("is only ever data: parsed from a blob and quoted escaped in the finding", () => {
    const override = "$(reboot)\n`reboot`\n";
    const out = Buffer.concat([
      Buffer.from(`rd-begin 2\noverride.exists 1\noverride.stat ${override.length} 0\nrd-blobs override:${override.length}\n`),
      Buffer.from(override),
      Buffer.from("\nrd-end 2\n"),
    ]);
    const facts = parseCollectOutput(out, () => true);
    expect(Buffer.from(facts.override.contentBase64, "base64").toString()).toBe(override);
    const diagnosis = diagnoseClient(makeObservation({ collect: collected(makeFacts({ override: overrideFile(override) })) }), CTX);
    expect(findingOf(diagnosis, "OVERRIDE_INVALID").detail).toContain('holds "$(reboot)\\n`reboot`\\n"');
  });
});
