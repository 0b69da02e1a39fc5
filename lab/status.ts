import { connect } from "node:net";
import { mapLimit, run } from "./exec";
import { listLabNamespaces } from "./net";
import type { LabManifest } from "./types";

/** TCP connect and read the SSH banner, as a user's client would see it first. */
export function sshBanner(host: string, port: number, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    let buf = "";
    const done = (s: string): void => {
      sock.destroy();
      resolve(s);
    };
    const timer = setTimeout(() => done(buf ? "no banner" : sock.connecting ? "timeout" : "silent"), timeoutMs);
    sock.on("data", (d) => {
      buf += d.toString("latin1");
      const line = buf.split("\r\n")[0] ?? "";
      if (buf.includes("\n")) {
        clearTimeout(timer);
        done(line.startsWith("SSH-") ? "ok" : "not ssh");
      }
    });
    sock.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done(e.code === "ECONNREFUSED" ? "refused" : (e.code ?? "error").toLowerCase());
    });
  });
}

/** Asks IMDS from inside the namespace (the host never sends to 169.254.169.254). */
export async function imdsAnswer(namespace: string): Promise<string> {
  const r = await run(
    "ip",
    [
      "netns",
      "exec",
      namespace,
      "curl",
      "-s",
      "-m",
      "1",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code}",
      "http://169.254.169.254/latest/meta-data/instance-id",
    ],
    { timeoutMs: 5_000 },
  );
  return r.stdout === "000" || r.stdout === "" ? "no answer" : `HTTP ${r.stdout}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export async function statusText(manifest: LabManifest | null): Promise<string> {
  const live = new Set(await listLabNamespaces());
  if (!manifest) {
    return live.size === 0
      ? "the lab is down"
      : `the lab state is missing but ${live.size} rdlab-* namespaces exist: run npm run lab -- down`;
  }
  const rows = await mapLimit(manifest.clients, 8, async (c) => {
    const present = live.has(c.namespace);
    const [ssh, imds] = present ? await Promise.all([sshBanner(c.privateIp, 22), imdsAnswer(c.namespace)]) : ["-", "-"];
    return [c.name, present ? c.namespace : `${c.namespace} (missing)`, c.privateIp, c.publicIp ?? "-", c.scenario, ssh, imds];
  });
  const header = ["CLIENT", "NAMESPACE", "PRIVATE", "PUBLIC", "SCENARIO", "SSHD", "IMDS"];
  return `${table([header, ...rows])}\n\n${manifest.clients.length} clients; inventory: ${manifest.inventoryFile}`;
}
