// Platforms as the CLI reports them on the lab's GCP, Azure, bare-metal and AWS clients; assumes the lab is up.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { readManifest, type LabManifest } from "../../lab";
import { GCP_VPC_ADDRESS } from "../../lab/cloud-scenarios";
import { reportSchema, type ClientReport, type Report } from "../../lib/report/schema";

const run = promisify(execFile);
const CLI = join(__dirname, "..", "rerun-doctor");
let lab: LabManifest;
let report: Report;
const byName = (name: string): ClientReport => {
  const found = report.clients.find((c) => c.name === name);
  if (!found) throw new Error(`no client ${name} in the report; bring the lab up with every scenario`);
  return found;
};
const finding = (name: string, code: string) => byName(name).findings.find((f) => f.code === code);

beforeAll(async () => {
  lab = readManifest();
  const result = await run(CLI, ["check", "--inventory", lab.inventoryFile, "--format", "json", "--timeout-ms", "1500"], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  }).catch((error: { stdout: string }) => error);
  report = reportSchema.parse(JSON.parse(result.stdout));
}, 600_000);

describe("platforms on the lab", () => {
  it("names each client's platform from its metadata's answers", () => {
    expect(byName("healthy-imdsv1").platform).toBe("aws");
    expect(byName("healthy-imdsv2").platform).toBe("aws");
    expect(byName("gcp-external-ip").platform).toBe("gcp");
    expect(byName("gcp-private-override").platform).toBe("gcp");
    expect(byName("azure-no-override").platform).toBe("azure");
    expect(byName("bare-metal-no-override").platform).toBe("none");
    expect(byName("metadata-blocked").platform).toBe("unknown");
    expect(byName("bare-metal-no-override").facts?.cloud?.noAnswer).toBe("refused");
    expect(byName("metadata-blocked").facts?.cloud?.noAnswer).toBe("timeout");
    // gcp-private-override has no curl: its GCP answers came through the script's wget branch.
    expect(byName("gcp-private-override").facts).toMatchObject({
      httpTool: "wget",
      cloud: { gcp: { flavor: true, externalIpStatus: 404, internalIp: GCP_VPC_ADDRESS } },
    });
  });

  it("advertises GCP's external IP, and the private override without probing it", () => {
    const gcp = lab.clients.find((c) => c.name === "gcp-external-ip")!;
    expect(byName("gcp-external-ip")).toMatchObject({ advertisedIp: gcp.publicIp, advertisedIpSource: "metadata" });
    expect(byName("gcp-external-ip").ports.closed).toBe(1001);
    expect(byName("gcp-private-override")).toMatchObject({ advertisedIp: GCP_VPC_ADDRESS, probedAddress: null });
  });

  it("tells bare-metal and GCP admins nothing about AWS", () => {
    for (const name of ["bare-metal-no-override", "gcp-private-override", "gcp-external-ip", "azure-no-override"]) {
      const text = byName(name)
        .findings.map((f) => `${f.detail} ${f.remediation}`)
        .join(" ");
      expect(text, name).not.toMatch(/IMDSv2|X-aws-ec2|aws ec2|launch template/);
    }
  });

  it("names failed to lookup ip and server-terraform's tags on the tokenless empty override", () => {
    expect(finding("imdsv2-empty-override", "OVERRIDE_EMPTY")?.detail).toMatch(/failed to lookup ip.*4\.4\.0, 4\.5\.0 and 4\.6\.0/s);
    expect(finding("imdsv2-empty-override", "OVERRIDE_EMPTY")?.remediation).toContain("4.9.0 or later");
  });

  it("dates the override against the boot", () => {
    const old = byName("override-older-than-boot");
    expect(Date.parse(old.facts?.override.mtime ?? "")).toBeLessThan(Date.parse(old.facts?.bootTime ?? ""));
    expect(finding("override-older-than-boot", "OVERRIDE_OLDER_THAN_BOOT")?.severity).toBe("warning");
  });
});
