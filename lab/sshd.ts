import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mapLimit, run, waitFor } from "./exec";
import { renderSshdConfig } from "./render";
import { clientPaths, ensureKey, type LabPaths } from "./state";
import type { LabClient } from "./types";

/**
 * Bind mounts live in the mount namespace `ip netns exec` makes, so the host keeps its bashrc and
 * its curl; /dev/null over curl (not executable) makes `command -v curl` fail in that client only.
 */
const START_SCRIPT =
  'if [ -e /root/.bashrc ]; then mount --bind "$1" /root/.bashrc 2>/dev/null; fi; ' +
  'if [ "$4" = no-curl ]; then for c in /usr/bin/curl /bin/curl; do [ -e "$c" ] && mount --bind /dev/null "$c"; done; fi; ' +
  'if [ "$5" = podman ]; then for d in /usr/local/bin/docker /usr/bin/docker /bin/docker; do ' +
  '[ -e "$d" ] && mount --bind /dev/null "$d"; done; fi; ' +
  'if [ "$6" != - ]; then mount --bind "$6" /usr/local/sbin || exit 1; fi; ' +
  'exec /usr/sbin/sshd -f "$2" -E "$3"';

/** The `podman` a Podman-like client finds first on PATH (sshd's root PATH starts with /usr/local/sbin). */
export const FAKE_PODMAN = '#!/bin/sh\n# rerun-doctor lab: stands for podman.\necho "podman version 4.9.3"\n';

/** An `ip` that lies: the real addresses, and one more the client does not have. */
export const fakeIp = (address: string): string =>
  '#!/bin/sh\n# rerun-doctor lab: a hostile client\'s ip, claiming an address it does not have.\n/usr/sbin/ip "$@"\n' +
  `case "$*" in *addr*) echo "9: eth0    inet ${address}/32 scope global eth0" ;; esac\n`;

/** A non-root login as the host checks see it: uid 1000, and a sudo that wants a password (sudo -n fails at once). */
export const FAKE_ID =
  '#!/bin/sh\n# rerun-doctor lab: a non-root login.\nif [ "$1" = -u ]; then echo 1000; else echo "uid=1000(ubuntu) gid=1000(ubuntu)"; fi\n';
export const FAKE_SUDO = "#!/bin/sh\n# rerun-doctor lab: sudo that wants a password.\necho 'sudo: a password is required' >&2\nexit 1\n";

/** Clients whose sessions get a fake-bin over /usr/local/sbin. */
const needsFakeBin = (c: LabClient): boolean => c.runtime === "podman" || !!c.fakeAddress || !!c.vpcAddress || !!c.nonRootNoSudo;

export interface ClientKeys {
  /** The public key line of the host key sshd serves. */
  readonly hostPub: string;
  /** The key known_hosts holds for this client (differs for host-key-changed). */
  readonly knownPub: string;
}

/** Makes the client's dir, keys and sshd configs (keys are reused when present). */
export async function prepareClient(c: LabClient, paths: LabPaths): Promise<ClientKeys> {
  const p = clientPaths(c);
  mkdirSync(c.dir, { recursive: true, mode: 0o700 });
  const claimed = c.fakeAddress ?? c.vpcAddress;
  if (needsFakeBin(c)) mkdirSync(fakeBinDir(c), { recursive: true, mode: 0o755 });
  if (c.runtime === "podman") writeFileSync(`${fakeBinDir(c)}/podman`, FAKE_PODMAN, { mode: 0o755 });
  if (claimed) writeFileSync(`${fakeBinDir(c)}/ip`, fakeIp(claimed), { mode: 0o755 });
  if (c.nonRootNoSudo) writeFileSync(`${fakeBinDir(c)}/id`, FAKE_ID, { mode: 0o755 });
  if (c.nonRootNoSudo) writeFileSync(`${fakeBinDir(c)}/sudo`, FAKE_SUDO, { mode: 0o755 });
  const hostPub = await ensureKey(p.hostKey, `rdlab-host-${c.name}`);
  const knownPub = c.hostKeyChanged ? await ensureKey(p.otherHostKey, `rdlab-other-host-${c.name}`) : hostPub;
  let authorizedKeys = paths.authorizedKeys;
  if (c.authRefused) {
    writeFileSync(p.authorizedKeys, `${await ensureKey(p.otherUserKey, `rdlab-other-user-${c.name}`)}\n`);
    authorizedKeys = p.authorizedKeys;
  }
  for (const f of [p.sshdPid, p.rerunPid]) rmSync(f, { force: true });
  for (const f of [p.sshdLog, p.rerunLog]) writeFileSync(f, "");
  const cfg = { hostKey: p.hostKey, authorizedKeysFile: authorizedKeys };
  writeFileSync(p.sshdConfig, renderSshdConfig({ ...cfg, port: 22, pidFile: p.sshdPid, forceCommand: c.forceCommand }));
  if (c.rerunJobPort !== null) {
    writeFileSync(p.rerunConfig, renderSshdConfig({ ...cfg, port: c.rerunJobPort, pidFile: p.rerunPid }));
  }
  return { hostPub, knownPub };
}

async function startOne(
  ns: string,
  bashrc: string,
  conf: string,
  log: string,
  pidFile: string,
  noCurl = false,
  fake: { readonly podman: boolean; readonly binDir: string | null } = { podman: false, binDir: null },
): Promise<number> {
  const args = [
    "netns",
    "exec",
    ns,
    "sh",
    "-c",
    START_SCRIPT,
    "sh",
    bashrc,
    conf,
    log,
    noCurl ? "no-curl" : "curl",
    fake.podman ? "podman" : "docker",
    fake.binDir ?? "-",
  ];
  const r = await run("ip", args, { timeoutMs: 15_000 });
  if (r.code !== 0) throw new Error(`sshd in ${ns} failed to start (exit ${r.code}): ${r.stderr.trim()}`);
  const ok = await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "", 10_000);
  if (!ok) throw new Error(`sshd in ${ns} wrote no pid file ${pidFile}; see ${log}`);
  return Number(readFileSync(pidFile, "utf8").trim());
}

/** Holds a client's fake `podman` or `ip`, bind-mounted over /usr/local/sbin in its sessions. */
export const fakeBinDir = (c: Pick<LabClient, "dir">): string => `${c.dir}/fake-bin`;

/** Starts each client's sshd (and rerun-job sshd); returns clients with their pids. */
export async function startSshds(clients: readonly LabClient[], paths: LabPaths): Promise<LabClient[]> {
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  return mapLimit(clients, 8, async (c) => {
    if (c.sshd !== "running") return c;
    const p = clientPaths(c);
    const sshdPid = await startOne(c.namespace, paths.bashrc, p.sshdConfig, p.sshdLog, p.sshdPid, c.noCurl, {
      podman: c.runtime === "podman",
      binDir: needsFakeBin(c) ? fakeBinDir(c) : null,
    });
    const rerunJobPid = c.rerunJobPort === null ? null : await startOne(c.namespace, paths.bashrc, p.rerunConfig, p.rerunLog, p.rerunPid);
    return { ...c, sshdPid, rerunJobPid };
  });
}
