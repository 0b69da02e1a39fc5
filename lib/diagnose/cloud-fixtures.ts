import type { CloudFacts, GcpFacts, ImdsFacts } from "../collect/types";
import { IMDS_SILENT, makeImds } from "./test-fixtures";

/** What AWS-style requests get from GCP's or Azure's metadata server: answers, none of them AWS's. */
export const IMDS_NOT_AWS: ImdsFacts = makeImds({
  tokenStatus: 404,
  tokenlessStatus: 404,
  publicIpv4: { status: 404, value: null },
  localIpv4: { status: 404, value: null },
  instanceId: { status: 404, value: null },
  availabilityZone: { status: 404, value: null },
});

export function gcpCloud(gcp: Partial<GcpFacts> = {}): CloudFacts {
  return {
    noAnswer: null,
    gcp: { flavor: true, externalIpStatus: 200, externalIp: "34.118.9.20", internalIpStatus: 200, internalIp: "10.128.0.7", ...gcp },
    azure: { status: 400, publicIp: null, privateIp: null },
  };
}

export const GCP_PRIVATE = gcpCloud({ externalIpStatus: 404, externalIp: null });

export function azureCloud(publicIp: string | null = null): CloudFacts {
  return {
    noAnswer: null,
    gcp: { flavor: false, externalIpStatus: 400, externalIp: null, internalIpStatus: 400, internalIp: null },
    azure: { status: 200, publicIp, privateIp: "10.1.0.4" },
  };
}

/** Bare metal: nothing listens at 169.254.169.254 (curl exit 7). */
export const BARE_METAL = { imds: IMDS_SILENT, cloud: { noAnswer: "refused", gcp: null, azure: null } } as const;

/** Words that only make sense to an AWS admin: never shown on another platform. */
export const AWS_WORDS = /IMDSv2|X-aws-ec2|aws ec2|launch template|latest\/meta-data|HttpTokens/;
