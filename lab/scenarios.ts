import { CLOUD_SCENARIOS } from "./cloud-scenarios";
import { HOSTILE_SCENARIOS } from "./hostile-scenarios";
import { HOST_SCENARIOS } from "./host-scenarios";
import { BASE_SCENARIO } from "./scenario-base";
import { STALE_OVERRIDE_IP } from "./addresses";
import type { Scenario } from "./types";

const base = BASE_SCENARIO;

/** A failed boot-script curl leaves an HTML error page behind; the tags test escaping. */
export const GARBAGE_OVERRIDE =
  "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n" +
  '<center><h1>504 Gateway Time-out</h1></center>\r\n<script>alert("rerun-doctor-xss")</script>\r\n' +
  "<img src=x onerror=alert(1)>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

export const SCENARIOS: readonly Scenario[] = [
  {
    ...base,
    name: "healthy-imdsv2",
    description: "IMDSv2 required, no override file",
    imds: "v2-required",
    expect: { verdict: "degraded", codes: ["METADATA_TOKEN_REQUIRED"] },
  },
  { ...base, name: "healthy-imdsv1", description: "IMDSv1 allowed, no override file", expect: { verdict: "ok", codes: [] } },
  {
    ...base,
    name: "wget-only",
    description: "IMDSv2 required on a client without curl (wget only)",
    imds: "v2-required",
    noCurl: true,
    expect: { verdict: "degraded", codes: ["METADATA_TOKEN_REQUIRED"] },
  },
  {
    ...base,
    name: "rerun-job-running",
    description: "healthy v1 client with an SSH-rerun job's sshd on port 64784",
    rerunJobPort: 64784,
    expect: { verdict: "ok", codes: ["RERUN_JOB_LISTENING"] },
  },
  {
    ...base,
    name: "metadata-blocked-override",
    description: "metadata blocked by iptables, override holds the private IP",
    metadataBlocked: true,
    override: { kind: "own-private-ip" },
    expect: { verdict: "degraded", codes: ["METADATA_UNREACHABLE"] },
  },
  {
    ...base,
    name: "metadata-blocked",
    description: "metadata blocked by iptables, no override file",
    metadataBlocked: true,
    expect: { verdict: "broken", codes: ["METADATA_UNREACHABLE", "ADVERTISED_IP_UNDETERMINED"] },
  },
  {
    ...base,
    name: "no-public-ip",
    description: "private subnet: IMDS answers 404 for public-ipv4, no override",
    publicIp: false,
    expect: { verdict: "broken", codes: ["NO_PUBLIC_IP", "ADVERTISED_IP_UNDETERMINED"] },
  },
  {
    ...base,
    name: "imdsv2-empty-override",
    description: "IMDSv2 required and the boot script wrote an empty override",
    imds: "v2-required",
    override: { kind: "text", text: "\n" },
    expect: { verdict: "broken", codes: ["METADATA_TOKEN_REQUIRED", "OVERRIDE_EMPTY"] },
  },
  {
    ...base,
    name: "override-garbage",
    description: "override holds an HTML error page from a failed curl",
    override: { kind: "text", text: GARBAGE_OVERRIDE },
    expect: { verdict: "broken", codes: ["OVERRIDE_INVALID"] },
  },
  {
    ...base,
    name: "override-stale",
    description: `override holds the public address of a replaced instance (${STALE_OVERRIDE_IP})`,
    override: { kind: "text", text: `${STALE_OVERRIDE_IP}\n` },
    expect: { verdict: "broken", codes: ["OVERRIDE_STALE", "RERUN_PORTS_FILTERED"] },
  },
  {
    ...base,
    name: "override-copied-a",
    description: "override holds its own public IP, also copied to override-copied-b",
    override: { kind: "public-ip-of", client: "override-copied-a" },
    requires: ["override-copied-b"],
    expect: { verdict: "broken", codes: ["OVERRIDE_DUPLICATE"] },
  },
  {
    ...base,
    name: "override-copied-b",
    description: "override copied from override-copied-a (a's public IP)",
    override: { kind: "public-ip-of", client: "override-copied-a" },
    requires: ["override-copied-a"],
    expect: { verdict: "broken", codes: ["OVERRIDE_DUPLICATE", "OVERRIDE_STALE"] },
  },
  {
    ...base,
    name: "sg-drops-rerun-range",
    description: "security group drops TCP 64535-65535",
    firewall: "drop-rerun-range",
    expect: { verdict: "broken", codes: ["RERUN_PORTS_FILTERED"] },
  },
  {
    ...base,
    name: "sg-drops-part",
    description: "security group drops TCP 65036-65535 only",
    firewall: "drop-rerun-part",
    expect: { verdict: "broken", codes: ["RERUN_PORTS_PARTIALLY_FILTERED"] },
  },
  {
    ...base,
    name: "sshd-down",
    description: "no sshd: TCP 22 refused",
    sshd: "none",
    expect: { verdict: "unknown", codes: ["SSH_UNREACHABLE"] },
  },
  {
    ...base,
    name: "sshd-silent",
    description: "TCP 22 accepted but nothing ever speaks",
    sshd: "silent",
    expect: { verdict: "unknown", codes: ["SSH_UNREACHABLE"] },
  },
  {
    ...base,
    name: "host-key-changed",
    description: "known_hosts holds another ed25519 key for this client",
    hostKeyChanged: true,
    expect: { verdict: "unknown", codes: ["SSH_HOST_KEY_MISMATCH"] },
  },
  {
    ...base,
    name: "auth-refused",
    description: "sshd accepts only a key the admin does not hold",
    authRefused: true,
    expect: { verdict: "unknown", codes: ["SSH_AUTH_FAILED"] },
  },
  ...CLOUD_SCENARIOS,
  ...HOST_SCENARIOS,
];

/** Every scenario `--scenario` can name: the default set, then the hostile group. */
const ALL: readonly Scenario[] = [...SCENARIOS, ...HOSTILE_SCENARIOS];
export const SCENARIO_NAMES: readonly string[] = ALL.map((s) => s.name);

/** The scenario extra `--clients` are made from. */
export const EXTRA_CLIENT_SCENARIO = "healthy-imdsv1";

export class UnknownScenarioError extends Error {
  constructor(readonly unknown: readonly string[]) {
    super(`unknown scenario${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}; valid names: ${SCENARIO_NAMES.join(", ")}`);
  }
}

/**
 * Picks scenarios by name (the default set when none given, plus the hostile group with `hostile`),
 * adding required partners, in canonical order.
 */
export function selectScenarios(names: readonly string[], hostile = false): Scenario[] {
  if (names.length === 0) return [...SCENARIOS, ...(hostile ? HOSTILE_SCENARIOS : [])];
  const unknown = names.filter((n) => !SCENARIO_NAMES.includes(n));
  if (unknown.length > 0) throw new UnknownScenarioError([...new Set(unknown)]);
  const wanted = new Set(names);
  if (hostile) for (const s of HOSTILE_SCENARIOS) wanted.add(s.name);
  for (const s of ALL) if (wanted.has(s.name)) for (const r of s.requires ?? []) wanted.add(r);
  return ALL.filter((s) => wanted.has(s.name));
}

export function scenarioByName(name: string): Scenario {
  const s = ALL.find((x) => x.name === name);
  if (!s) throw new UnknownScenarioError([name]);
  return s;
}
