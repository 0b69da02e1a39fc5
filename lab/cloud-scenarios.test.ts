import { describe, expect, it } from "vitest";
import { inCidr } from "../lib/common/ipv4";
import { LAB_CIDR } from "./addresses";
import { CLOUD_SCENARIOS, GCP_VPC_ADDRESS } from "./cloud-scenarios";
import { claimedAddresses, planClients } from "./plan";
import { SCENARIOS, selectScenarios } from "./scenarios";

describe("cloud scenarios", () => {
  it("are part of the default set, together", () => {
    const at = SCENARIOS.findIndex((s) => s.name === CLOUD_SCENARIOS[0]!.name);
    expect(SCENARIOS.slice(at, at + CLOUD_SCENARIOS.length)).toEqual(CLOUD_SCENARIOS);
  });

  it("plan their metadata modes, the VPC address and the dated override into lab.json", () => {
    const clients = planClients(selectScenarios(CLOUD_SCENARIOS.map((s) => s.name)), 0, "/tmp/rd-plan");
    const by = (name: string) => clients.find((c) => c.name === name)!;
    expect(clients.map((c) => c.imds)).toEqual(["gcp", "gcp-private", "none", "azure", "v1"]);
    expect(by("gcp-private-override")).toMatchObject({ vpcAddress: GCP_VPC_ADDRESS, override: `${GCP_VPC_ADDRESS}\n`, noCurl: true });
    expect(by("override-older-than-boot")).toMatchObject({
      overrideBeforeBoot: true,
      override: `${by("override-older-than-boot").publicIp}\n`,
    });
  });

  it("never claim the VPC address: it is data, outside the lab's range, on no interface or route", () => {
    const clients = planClients(selectScenarios([]), 0, "/tmp/rd-plan");
    expect(inCidr(GCP_VPC_ADDRESS, LAB_CIDR)).toBe(false);
    expect(claimedAddresses(clients)).not.toContain(GCP_VPC_ADDRESS);
    expect(claimedAddresses(clients).every((ip) => inCidr(ip, LAB_CIDR))).toBe(true);
  });
});
