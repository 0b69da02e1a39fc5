import type { UserProbeInfo } from "@/lib/api/user-probe";
import { learnedUsersNetworks } from "@/lib/diagnose/users-networks";

/** The users' addresses a new run checks the clients against, screened as the server screens them. */
export function recheckSources(probes: readonly UserProbeInfo[]): string[] {
  const learned = probes.flatMap((p) =>
    p.revokedAt === null && p.reportedAt !== null && p.source ? [{ address: p.source, vantage: p.label }] : [],
  );
  return learnedUsersNetworks([], learned).map((n) => n.cidr.replace(/\/32$/, ""));
}
