/**
 * How redaction treats each string field of the report, by its schema path (array positions left
 * out). Deny by default: a field on no list here is an identifier and gets an alias as a whole, so a
 * field added to the schema later is hidden before anyone thinks about it.
 */

/** Our own words around quoted evidence: names and addresses inside are replaced, the words stay. */
const PROSE_KEYS = new Set([
  "title",
  "detail",
  "remediation",
  "reason",
  "banner",
  "warnings",
  "error",
  "skipped",
  "pathsNote",
  "retried",
  "purpose",
]);

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$/;
const VERSION = /^\d{1,2}\.\d{1,3}(?:\.\d{1,4})?$/;

/** Values kept only when they have the shape that carries nothing of the fleet. */
const SHAPES: Readonly<Record<string, RegExp>> = {
  startedAt: ISO_TIME,
  finishedAt: ISO_TIME,
  "clients.facts.override.mtime": ISO_TIME,
  "clients.facts.bootTime": ISO_TIME,
  "inventory.serverVersion": VERSION,
  "vantages.reportedAt": ISO_TIME,
};

/** Values kept only when they are one of the words Nomad, the collect script or the engine use. */
const WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  "nomad.nodes.status": new Set(["initializing", "ready", "down", "disconnected"]),
  "nomad.nodes.eligibility": new Set(["eligible", "ineligible"]),
  "clients.timings.steps.name": new Set(["start", "override", "metadata", "network", "runtime", "output"]),
  "clients.rerunsFailFrom": new Set(["dashboard"]),
  "clients.platform": new Set(["aws", "gcp", "azure", "none", "unknown"]),
  "clients.facts.cloud.noAnswer": new Set(["refused", "timeout"]),
  "machines.from.source": new Set(["dashboard"]),
  "usersNetworks.source": new Set(["inventory"]),
};

/** The alias prefix for an identifier field; "id" for any field not named here. */
const KINDS: readonly (readonly [RegExp, string])[] = [
  [/^clients\.name$|\.inventoryName$/, "client"],
  [/(?:^|\.)vantages\.name$|\.source$|^clients\.rerunsFailFrom$/, "vantage"],
  [/^machines\.name$/, "machine"],
  [/\.hostname$/, "hostname"],
  [/instanceId(?:\.value)?$/, "instance"],
  [/^clients\.nomad\.id$/, "node-id"],
  [/^clients\.nomad\.name$|^nomad\.nodes\.name$/, "node"],
  [/^nomad\.address$/, "nomad"],
  [/availabilityZone\.value$/, "zone"],
  [/hostKeyFingerprint$/, "hostkey"],
  [/^runId$/, "run"],
  [/host$|address$|Address$|Ip$|Ipv4(?:\.value)?$|\.target$|\.check$|interfaces$/i, "host"],
];

export type FieldRule = { readonly kind: "prose" } | { readonly kind: "keep" } | { readonly kind: "identifier"; readonly alias: string };

const PROSE: FieldRule = { kind: "prose" };
const KEEP: FieldRule = { kind: "keep" };

/** Free text, or the override file's bytes: rewritten word by word, never replaced as a whole. */
export function isProse(path: string): boolean {
  const key = path.slice(path.lastIndexOf(".") + 1);
  return PROSE_KEYS.has(key) || key === "contentBase64";
}

/** What to do with `value` found at `path`. */
export function fieldRule(path: string, value: string): FieldRule {
  if (isProse(path)) return PROSE;
  if (SHAPES[path]?.test(value) || WORDS[path]?.has(value)) return KEEP;
  return { kind: "identifier", alias: KINDS.find(([re]) => re.test(path))?.[1] ?? "id" };
}
