import { escapeBytes } from "@/lib/common/escape";
import type { ClientReport } from "@/lib/report/schema";

const OVERRIDE_PREVIEW_CHARS = 4000;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const NO_ANSWER = { refused: "refused", timeout: "silent" } as const;
const status = (s: number | null) => (s === null ? "no answer" : `HTTP ${s}`);

/** Raw evidence: bytes escaped (never interpreted), statuses as answered, timings as measured. */
const BYTES_CLASS =
  "mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-900";

export function FactsPanel({ client }: { client: ClientReport }) {
  const facts = client.facts;
  if (!facts) return <p className="text-sm text-slate-600 dark:text-slate-400">The client could not be inspected; see the findings.</p>;
  const { override, imds } = facts;
  const { gcp, azure, noAnswer } = facts.cloud ?? { gcp: null, azure: null, noAnswer: null };
  const bytes = Buffer.from(override.contentBase64, "base64");
  return (
    <dl className="divide-y divide-slate-100 dark:divide-slate-800">
      <Row label="Hostname">{facts.hostname || "—"}</Row>
      <Row label="Host key">{client.hostKeyFingerprint ?? "—"}</Row>
      <Row label="Platform">{`${client.platform ?? "—"}${noAnswer ? ` (metadata ${NO_ANSWER[noAnswer]})` : ""}`}</Row>
      <Row label="Booted">{facts.bootTime ?? "—"}</Row>
      <Row label="/etc/circleci/public-ipv4">
        {override.exists ? (
          <>
            <span>
              {override.size ?? "?"} bytes{override.truncated ? ` (first ${bytes.length} read)` : ""}, modified {override.mtime ?? "?"}
            </span>
            <pre data-testid="override-bytes" className={BYTES_CLASS}>
              &quot;{escapeBytes(bytes, OVERRIDE_PREVIEW_CHARS)}&quot;
            </pre>
          </>
        ) : (
          "does not exist"
        )}
      </Row>
      <Row label="IMDS token (PUT)">{status(imds.tokenStatus)}</Row>
      <Row label="IMDS without token">{status(imds.tokenlessStatus)}</Row>
      <Row label="public-ipv4">{`${status(imds.publicIpv4.status)}${imds.publicIpv4.value ? `: ${imds.publicIpv4.value}` : ""}`}</Row>
      <Row label="local-ipv4">{`${status(imds.localIpv4.status)}${imds.localIpv4.value ? `: ${imds.localIpv4.value}` : ""}`}</Row>
      {gcp ? (
        <Row label="GCP metadata">
          {`external-ip ${status(gcp.externalIpStatus)}${gcp.externalIp ? `: ${gcp.externalIp}` : ""}, ip ${status(gcp.internalIpStatus)}` +
            `${gcp.internalIp ? `: ${gcp.internalIp}` : ""}${gcp.flavor ? " (Metadata-Flavor: Google)" : ""}`}
        </Row>
      ) : null}
      {azure ? (
        <Row label="Azure IMDS">{`${status(azure.status)}, private ${azure.privateIp ?? "—"}, public ${azure.publicIp ?? "empty"}`}</Row>
      ) : null}
      <Row label="Instance">{`${imds.instanceId.value ?? "—"} in ${imds.availabilityZone.value ?? "—"}`}</Row>
      <Row label="Interfaces (IPv4)">{facts.interfaces.join(", ") || "—"}</Row>
      <Row label="Listening in rerun range">{facts.listeningPorts.join(", ") || "none"}</Row>
      <Row label="Runtime, HTTP tool">{`${facts.runtime}, ${facts.httpTool}`}</Row>
      {facts.warnings.length > 0 ? <Row label="Collector warnings">{facts.warnings.join("; ")}</Row> : null}
      <Row label="Inspection time">{`${client.durationMs} ms`}</Row>
    </dl>
  );
}
