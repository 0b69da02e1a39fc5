import { escapeText } from "../../common/escape";
import { rangeText, type PortRange } from "../../common/ports";
import { entry, type CatalogPart } from "./entry";
import { listNames, plural } from "./words";

/** What the dashboard saw on the ports the users' network got no answer from. */
export interface DashboardOnFiltered {
  readonly answered: number;
  readonly filtered: number;
  readonly unprobed: number;
}

export interface UsersSeen {
  /** The vantage's name, "users (reported by <label>)": quoted whole, so redaction replaces it whole. */
  readonly vantage: string;
  /** The users' address as the dashboard saw the upload come from. */
  readonly source: string;
  readonly address: string;
  readonly probed: number;
  readonly filteredPorts: readonly number[];
  readonly open: number;
  readonly closed: number;
  readonly range: PortRange;
  readonly dashboard: DashboardOnFiltered | null;
}

function dashboardWords(d: DashboardOnFiltered | null): string {
  if (d === null || d.answered + d.filtered === 0)
    return "The dashboard did not probe those ports, so it cannot say whether only users are cut off.";
  if (d.filtered === 0)
    return (
      `The dashboard reached the same ports (closed or open: ${d.answered} answered), so a security group rule or network ACL ` +
      `between the users' network and this Nomad client drops them: the client itself and the dashboard's path are fine.`
    );
  return (
    `The dashboard saw ${d.filtered} of them filtered too, so the security group or network ACL in front of this client drops the ` +
    `range for more than the users' network.`
  );
}

export const USER_ENTRIES = {
  RERUN_PORTS_FILTERED_FROM_USERS: entry({
    check: "the rerun range answers from the users' own network (a user probe started from a run, results posted back)",
    severities: ["error"],
    arrows: ["rerun-ports"],
    cause: "the rerun ports are dropped between the users' network and the client",
    arrowCause: "dropped from the users' network (user probe)",
    text: (seen: UsersSeen) => {
      const who = escapeText(seen.vantage, 100);
      const source = escapeText(seen.source, 64);
      const address = escapeText(seen.address, 64);
      const all = seen.filteredPorts.length === seen.probed;
      return {
        title: `Reruns fail for ${who}: ${all ? "all" : "part"} of ${rangeText(seen.range)} filtered from their network`,
        detail:
          `From the users' network (${source}, as the dashboard saw their upload), ${seen.filteredPorts.length} of ` +
          `${plural(seen.probed, "port")} probed on ${address} got no answer: ${listNames(seen.filteredPorts.map(String), 12)} ` +
          `(${seen.open} open, ${seen.closed} closed). ${dashboardWords(seen.dashboard)}`,
        remediation:
          `Allow TCP ${rangeText(seen.range)} into the Nomad clients' security group from the users' network (${source}: their ` +
          "office, VPN or NAT egress address, as a CIDR), check the subnet's network ACL (inbound on the range, outbound on the " +
          "ephemeral ports 1024-65535 to the users), and any firewall on the users' side; then ask the user to run the check again.",
      };
    },
  }),
} satisfies CatalogPart;
