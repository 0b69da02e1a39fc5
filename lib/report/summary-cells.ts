import type { ClientReport } from "./schema";
import { worstFirst } from "./order";
import { truncate } from "./sanitize";

/** Shared wording of a client's summary cells, for the terminal table and the Markdown table. */
export function advertisedIpCell(client: ClientReport): string {
  return `${client.advertisedIp ?? "-"} (${client.advertisedIpSource})`;
}

export function portsCell(client: ClientReport): string {
  if (client.probedAddress === null) return "not probed";
  return `${client.ports.open}/${client.ports.closed}/${client.ports.filtered}`;
}

/** The most severe finding as "CODE: title", and how many others the client has. */
export function topFinding(client: ClientReport): { readonly text: string; readonly others: number } {
  const [top] = worstFirst(client.findings);
  return top ? { text: `${top.code}: ${top.title}`, others: client.findings.length - 1 } : { text: "-", others: 0 };
}

/** Fits the top finding in `max` characters, cutting its title but never the "(+N more)". */
export function topFindingCell(client: ClientReport, clean: (text: string) => string = (text) => text, max = Infinity): string {
  const { text, others } = topFinding(client);
  const suffix = others > 0 ? ` (+${others} more)` : "";
  return `${truncate(clean(text), max - suffix.length)}${suffix}`;
}
