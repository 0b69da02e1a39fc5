import type { ClientReport, Report } from "@/lib/report/schema";
import { worstFirst } from "@/lib/report/order";
import { advertisedCell, metadataCell, overrideCell, sshCell, type Cell } from "@/lib/views/matrix-cells";
import { pathsCell, vantageCell, vantageNames } from "@/lib/views/reach-cells";
import { markup, type Html } from "./html";

const chip = (cell: Cell): Html =>
  markup`<span class="chip t-${cell.tone}" title="${cell.evidence}">${cell.label}</span>
    <div class="small">${cell.evidence}</div>`;

function dashboardPorts(client: ClientReport): Html {
  if (client.probedAddress === null) return markup`<span class="small">not probed</span>`;
  const { open, closed, filtered } = client.ports;
  const tone = filtered > 0 ? "bad" : "good";
  return markup`<span class="chip t-${tone}">${filtered > 0 ? "filtered" : "reachable"}</span>
    <div class="small">${`${client.probedAddress}: ${open} open, ${closed} closed, ${filtered} filtered`}</div>`;
}

/** The reachability matrix as a plain table: the same cells the dashboard shows, in words. */
export function exportMatrix(report: Report): Html {
  const vantages = vantageNames(report.clients);
  const paths = report.clients.some((c) => c.paths !== undefined);
  const heads = [
    "Client",
    "Admin → client (SSH)",
    "outer → AWS metadata",
    "Override file",
    "Advertised IP",
    "Dashboard → rerun ports",
    ...vantages.map((v) => `${v} → rerun ports`),
    ...(paths ? ["Client → services / VMs"] : []),
    "Verdict",
    "Top finding",
  ];
  const rows = report.clients.map((client, index) => {
    const top = worstFirst(client.findings)[0];
    return markup`<tr data-client="${client.name}">
      <th scope="row">
        <a href="#client-${index + 1}">${client.name}</a>
        <div class="small">${client.host}</div>
      </th>
      <td>${chip(sshCell(client))}</td>
      <td>${chip(metadataCell(client))}</td>
      <td>${chip(overrideCell(client))}</td>
      <td>${chip(advertisedCell(client))} <span class="small">${client.advertisedIpSource}</span></td>
      <td>${dashboardPorts(client)}</td>
      ${vantages.map((name) => markup`<td data-vantage="${name}">${chip(vantageCell(client, name))}</td>`)}
      ${paths ? markup`<td>${chip(pathsCell(client) ?? { label: "—", tone: "none", evidence: "not measured" })}</td>` : ""}
      <td><span class="verdict v-${client.verdict}" data-verdict="${client.verdict}">${client.verdict}</span></td>
      <td>${top ? markup`<span class="code">${top.code}</span> ${top.title}` : "—"}</td>
    </tr>`;
  });
  return markup`<table aria-label="Reachability matrix">
    <thead>
      <tr>
        ${heads.map((h) => markup`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
