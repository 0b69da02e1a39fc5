/**
 * What Nomad's GCE fingerprinter sets (hashicorp/nomad client/fingerprint/env_gce.go; research §5):
 * `unique.platform.gce.network.<net>.ip`, `....external-ip.<n>`, `unique.platform.gce.id`. The
 * first network by name stands for interface 0; attributes that do not exist are simply absent.
 */
const GCE_IP = /^unique\.platform\.gce\.network\.([^.]+)\.ip$/;
const GCE_EXTERNAL = /^unique\.platform\.gce\.network\.([^.]+)\.external-ip\.0$/;

export interface GceFingerprint {
  readonly publicIpv4: string | null;
  readonly localIpv4: string | null;
  readonly instanceId: string | null;
}

function firstByNetwork(attrs: Readonly<Record<string, string>>, pattern: RegExp): string | null {
  const found = Object.keys(attrs)
    .map((key) => [pattern.exec(key)?.[1], key] as const)
    .filter((pair): pair is readonly [string, string] => pair[0] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return found.length > 0 ? (attrs[found[0]![1]] ?? null) : null;
}

export function gceFingerprint(attrs: Readonly<Record<string, string>>): GceFingerprint {
  return {
    publicIpv4: firstByNetwork(attrs, GCE_EXTERNAL),
    localIpv4: firstByNetwork(attrs, GCE_IP),
    instanceId: attrs["unique.platform.gce.id"] ?? null,
  };
}
