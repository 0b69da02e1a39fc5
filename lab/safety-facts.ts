import { lookup } from "node:dns/promises";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { run } from "./exec";
import type { HostFacts, HostRoute } from "./safety";

export function parseResolvConf(text: string): string[] {
  return text
    .split("\n")
    .map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1])
    .filter((s): s is string => !!s);
}

/** Host names of the URLs in apt sources (one-line .list and deb822 .sources), comments skipped. */
export function aptHosts(texts: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const t of texts) {
    for (const line of t.split("\n")) {
      if (/^\s*#/.test(line)) continue;
      for (const m of line.matchAll(/\b[a-z+]+:\/\/(?:[^@/\s]+@)?([^/\s:\]]+)/gi)) if (m[1]) hosts.add(m[1].toLowerCase());
    }
  }
  return [...hosts];
}

export function registryHost(url: string): string | null {
  try {
    return new URL(url.trim()).hostname || null;
  } catch {
    return null;
  }
}

async function npmRegistryHost(): Promise<string> {
  const r = await run("npm", ["config", "get", "registry"], { timeoutMs: 10_000 });
  const fromNpm = r.code === 0 ? registryHost(r.stdout) : null;
  if (fromNpm) return fromNpm;
  const npmrc = join(homedir(), ".npmrc");
  const line = existsSync(npmrc) ? /^\s*registry\s*=\s*(\S+)/m.exec(readFileSync(npmrc, "utf8"))?.[1] : undefined;
  return (line && registryHost(line)) || "registry.npmjs.org";
}

function aptSourceTexts(): string[] {
  const files = ["/etc/apt/sources.list"];
  const d = "/etc/apt/sources.list.d";
  if (existsSync(d)) for (const f of readdirSync(d)) if (/\.(list|sources)$/.test(f)) files.push(join(d, f));
  return files.filter((f) => existsSync(f)).map((f) => readFileSync(f, "utf8"));
}

async function resolve4(host: string): Promise<string[]> {
  const timeout = new Promise<string[]>((r) => setTimeout(() => r([]), 2_000).unref());
  const query = lookup(host, { all: true, family: 4 }).then(
    (as) => as.map((a) => a.address),
    () => [],
  );
  return Promise.race([query, timeout]);
}

export async function gatherHostFacts(): Promise<HostFacts> {
  const addrJson = JSON.parse((await run("ip", ["-j", "-4", "addr", "show"])).stdout || "[]") as {
    ifname: string;
    addr_info?: { local?: string }[];
  }[];
  const addresses = addrJson.flatMap((l) => (l.addr_info ?? []).flatMap((a) => (a.local ? [{ ifname: l.ifname, address: a.local }] : [])));
  const routes = JSON.parse((await run("ip", ["-j", "-4", "route", "show", "table", "all"])).stdout || "[]") as HostRoute[];
  const dnsServers = existsSync("/etc/resolv.conf") ? parseResolvConf(readFileSync("/etc/resolv.conf", "utf8")) : [];
  const hosts = [await npmRegistryHost(), ...aptHosts(aptSourceTexts())];
  const resolved = await Promise.all(hosts.map(async (host) => (await resolve4(host)).map((address) => ({ host, address }))));
  return { addresses, routes, dnsServers, registryAddresses: resolved.flat() };
}
