import type { z } from "zod";
import { isProse } from "./redact-policy";
import { defOf } from "./schema-walk";
import { reportSchema, type Report } from "./schema";

interface LeafDef {
  readonly entries?: Record<string, string>;
  readonly values?: readonly unknown[];
  readonly options?: readonly z.ZodType[];
}

/** A value of `schema` with every optional and nullable part present and each string from `text`. */
function fill(schema: z.ZodType, text: (path: string) => string, path: string): unknown {
  const def = defOf(schema);
  const leaf = def as unknown as LeafDef;
  switch (def.type) {
    case "string":
      return text(path);
    case "number":
      return 7;
    case "boolean":
      return true;
    case "enum":
      return Object.values(leaf.entries!)[0];
    case "literal":
      return leaf.values![0];
    case "optional":
    case "nullable":
      return fill(def.innerType!, text, path);
    case "union":
      return fill(leaf.options![0]!, text, path);
    // Two items, so one canary per item shows aliasing does not depend on position.
    case "array":
      return [fill(def.element!, text, path), fill(def.element!, text, path)];
    case "object":
      return Object.fromEntries(Object.entries(def.shape!).map(([key, item]) => [key, fill(item, text, path ? `${path}.${key}` : key)]));
    default:
      throw new Error(`canary fixture: no filler for a ${def.type} at ${path}`);
  }
}

/** Identifier spellings a fleet really produces; each canary takes one, with its own token inside. */
export const CANARY_SHAPES: Readonly<Record<string, (token: string, n: number) => string>> = {
  token: (t) => t,
  fqdn: (t) => `${t}.corp-${t}.example.com`,
  ipv4: (_, n) => `10.${(n >> 8) & 255}.${n & 255}.${(n % 200) + 7}`,
  ipv6: (_, n) => `fd00:${n.toString(16)}::${(n * 7).toString(16)}`,
  uuid: (_, n) => `${n.toString(16).padStart(8, "0")}-4c1a-4b2c-9d3e-0123456789ab`,
  instance: (_, n) => `i-0${n.toString(16).padStart(16, "a")}`,
  zone: (_, n) => `us-west-${n + 10}${"abcdef"[n % 6]}`,
  home: (t) => `/home/${t}/.ssh/known_hosts`,
  tilde: (t) => `~${t}/.ssh/authorized_keys`,
  user: (t) => `refused the key for user "${t}"`,
  email: (t) => `${t}@bastion-${t}.internal`,
  fingerprint: (_, n) => `SHA256:${Buffer.from(`canary-key-${n}-end`).toString("base64").replace(/=+$/, "")}`,
  url: (t) => `https://nomad-${t}.ops:4646/v1/nodes`,
};

export interface CanaryReport {
  readonly report: Report;
  /** Each canary's value and its distinctive part (what must not survive), by the path it filled. */
  readonly canaries: readonly { readonly path: string; readonly value: string; readonly secret: string }[];
}

/**
 * A report whose every string field (as the zod schema has them) holds a unique canary of `shape`.
 * A bare word in free text is no identifier anyone can recognise, so with the "token" shape free
 * text quotes the token of the identifier field before it, as findings and errors do.
 */
export function canaryReport(shape: keyof typeof CANARY_SHAPES): CanaryReport {
  const canaries: { path: string; value: string; secret: string }[] = [];
  const make = CANARY_SHAPES[shape]!;
  let quotable = "";
  const raw = fill(
    reportSchema,
    (path) => {
      const n = canaries.length + 1;
      const token = `cnry${n}q`;
      const quoting = shape === "token" && isProse(path) && quotable;
      const value = quoting ? `no answer from ${quotable} (${quotable}:22)` : make(token, n);
      const secret = quoting ? quotable : value.includes(token) ? token : value;
      if (!isProse(path)) quotable = token;
      // Override bytes are base64 in the schema's meaning; the canary goes in the decoded bytes.
      const stored = path.endsWith("contentBase64") ? Buffer.from(`${value}\n`).toString("base64") : value;
      canaries.push({ path, value, secret });
      return stored;
    },
    "",
  );
  return { report: reportSchema.parse(raw), canaries };
}

/** Canaries found in the serialized report, override bytes decoded. */
export function leakedCanaries(report: Report, canaries: CanaryReport["canaries"]): string[] {
  const bytes = report.clients.map((c) => Buffer.from(c.facts?.override.contentBase64 ?? "", "base64").toString("latin1"));
  const text = [JSON.stringify(report), ...bytes].join("\n").toLowerCase();
  return canaries.filter((c) => text.includes(c.secret.toLowerCase())).map((c) => `${c.path}=${c.value}`);
}
