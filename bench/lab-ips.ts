const LAB = /^198\.51\.100\.(\d{1,3})$/;

/** Network safety: the baselines scan only addresses inside the lab's 198.51.100.0/24. */
export function isLabAddress(ip: string): boolean {
  const m = LAB.exec(ip);
  return m !== null && Number(m[1]) <= 255;
}

/** What an admin derives by hand: the override's first line if it is an IPv4, else metadata. */
export function advertisedByHand(override: string | null, metadata: string): string | null {
  const first = override?.split("\n")[0]?.trim() ?? "";
  if (override !== null) return /^\d{1,3}(\.\d{1,3}){3}$/.test(first) ? first : null;
  const meta = metadata.trim();
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(meta) ? meta : null;
}

/** The commands an admin runs on a client today: the override, then IMDS with a token, then without. */
export const MANUAL_REMOTE_COMMAND = [
  "if [ -e /etc/circleci/public-ipv4 ]; then echo OVERRIDE; cat /etc/circleci/public-ipv4; echo; fi",
  "echo METADATA",
  "T=$(curl -s -m 2 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)",
  'curl -s -m 2 -H "X-aws-ec2-metadata-token: $T" http://169.254.169.254/latest/meta-data/public-ipv4 ' +
    "|| curl -s -m 2 http://169.254.169.254/latest/meta-data/public-ipv4",
].join("; ");

/** Splits the manual command's output into override (or null) and metadata text. */
export function parseManualOutput(stdout: string): { override: string | null; metadata: string } {
  const meta = stdout.lastIndexOf("METADATA\n");
  const head = meta >= 0 ? stdout.slice(0, meta) : stdout;
  const override = head.startsWith("OVERRIDE\n") ? head.slice("OVERRIDE\n".length).replace(/\n$/, "") : null;
  return { override, metadata: meta >= 0 ? stdout.slice(meta + "METADATA\n".length) : "" };
}
