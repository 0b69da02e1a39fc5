import { describe, expect, it } from "vitest";
import { gceFingerprint } from "./nomad-gce";

describe("gceFingerprint", () => {
  it("reads interface 0's addresses and the instance ID from Nomad's GCE attributes", () => {
    const attrs = {
      "unique.platform.gce.id": "4520122344589163051",
      "unique.platform.gce.network.default.ip": "10.128.0.7",
      "unique.platform.gce.network.default.external-ip.0": "34.118.9.20",
      "unique.platform.gce.network.zz-other.ip": "10.9.0.2",
      "platform.gce.zone": "us-central1-a",
    };
    expect(gceFingerprint(attrs)).toEqual({ publicIpv4: "34.118.9.20", localIpv4: "10.128.0.7", instanceId: "4520122344589163051" });
  });

  it("gives null for what an AWS node or a GCE node without an external IP lacks", () => {
    expect(gceFingerprint({ "unique.platform.aws.public-ipv4": "54.1.2.3" })).toEqual({
      publicIpv4: null,
      localIpv4: null,
      instanceId: null,
    });
    expect(gceFingerprint({ "unique.platform.gce.network.default.ip": "10.128.0.7" }).publicIpv4).toBeNull();
  });
});
