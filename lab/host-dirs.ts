import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NETNS_ETC } from "./net";

export const ETC_CIRCLECI = "/etc/circleci";
/** Kept outside the state dir so a lost state dir still lets `down` undo host changes. */
export const HOST_MARKER = join(NETNS_ETC, ".rerun-doctor-lab.json");

interface HostMarker {
  createdEtcCircleci: boolean;
  createdEtcNetns: boolean;
}

function readMarker(): HostMarker {
  try {
    return { createdEtcCircleci: false, createdEtcNetns: false, ...(JSON.parse(readFileSync(HOST_MARKER, "utf8")) as Partial<HostMarker>) };
  } catch {
    return { createdEtcCircleci: false, createdEtcNetns: false };
  }
}

/** `ip netns exec` needs /etc/circleci on the host to bind-mount each namespace's copy over. */
export function ensureHostDirs(): { createdEtcCircleci: boolean } {
  const prev = readMarker();
  const marker: HostMarker = {
    createdEtcNetns: prev.createdEtcNetns || !existsSync(NETNS_ETC),
    createdEtcCircleci: prev.createdEtcCircleci || !existsSync(ETC_CIRCLECI),
  };
  mkdirSync(NETNS_ETC, { recursive: true });
  mkdirSync(ETC_CIRCLECI, { recursive: true });
  writeFileSync(HOST_MARKER, JSON.stringify(marker) + "\n");
  return { createdEtcCircleci: marker.createdEtcCircleci };
}

/** Removes /etc/netns/rdlab-*, and /etc/circleci and /etc/netns when the lab made them and they are empty. */
export function removeHostDirs(): string[] {
  const notes: string[] = [];
  if (existsSync(NETNS_ETC)) {
    for (const n of readdirSync(NETNS_ETC)) if (/^rdlab-\d+$/.test(n)) rmSync(join(NETNS_ETC, n), { recursive: true, force: true });
  }
  const marker = readMarker();
  rmSync(HOST_MARKER, { force: true });
  for (const [made, dir] of [
    [marker.createdEtcCircleci, ETC_CIRCLECI],
    [marker.createdEtcNetns, NETNS_ETC],
  ] as const) {
    if (!made || !existsSync(dir)) continue;
    try {
      rmdirSync(dir);
    } catch {
      notes.push(`left ${dir} in place: it is not empty`);
    }
  }
  return notes;
}
