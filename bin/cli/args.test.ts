import { describe, expect, it } from "vitest";
import { DEFAULT_CONCURRENCY, DEFAULT_PROBE_TIMEOUT_MS } from "../../lib/engine/run-diagnosis";
import { DEFAULT_CONNECT_TIMEOUT_MS } from "../../lib/inventory/load";
import { parseArgs, USAGE, UsageError } from "./args";

describe("rerun-doctor check's arguments", () => {
  it("take the SSH connect and the probe timeouts apart, or both at once with --timeout-ms", () => {
    const base = ["check", "--inventory", "fleet.yaml"];
    expect(parseArgs([...base, "--connect-timeout-ms", "8000"])).toMatchObject({ connectTimeoutMs: 8000, probeTimeoutMs: undefined });
    expect(parseArgs([...base, "--probe-timeout-ms", "400"])).toMatchObject({ connectTimeoutMs: undefined, probeTimeoutMs: 400 });
    expect(parseArgs([...base, "--timeout-ms", "3000"])).toMatchObject({ connectTimeoutMs: 3000, probeTimeoutMs: 3000 });
    expect(() => parseArgs([...base, "--probe-timeout-ms", "0"])).toThrow(UsageError);
  });

  it("state the defaults the code really uses", () => {
    expect(USAGE).toContain(`(default ${DEFAULT_PROBE_TIMEOUT_MS})`);
    expect(USAGE).toContain(`else ${DEFAULT_CONNECT_TIMEOUT_MS})`);
    expect(USAGE).toContain(`(default ${DEFAULT_CONCURRENCY})`);
    expect(USAGE).toMatch(/0 when reruns work on every client \(ok or degraded\)/);
  });
});
