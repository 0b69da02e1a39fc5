import { ARROW_IDS } from "@/lib/diagnose/catalog";
import type { Report } from "@/lib/report/schema";
import { diagramState, type ArrowState } from "@/lib/views/diagram";
import { ARROWS, BOXES, VIEWBOX, arrowhead, pathOf, textWidth, type BoxLayout } from "../diagram/layout";
import { TONE_COLOR } from "./export-style";
import { markup, type Html } from "./html";

const lineText = (x: number, y: number, anchor: string, line: string): Html =>
  markup`<text x="${x}" y="${y}" text-anchor="${anchor}" font-size="11" fill="#475569">${line}</text>`;

function box(b: BoxLayout): Html {
  const container = b.kind === "container";
  const x = container ? b.x + 12 : b.x + b.w / 2;
  const y = container ? b.y + 22 : b.y + (b.lines.length === 0 ? b.h / 2 + 5 : 22);
  const anchor = container ? "start" : "middle";
  const fill = container ? "#f0f9ff" : b.kind === "inner" ? "#ffffff" : "#f8fafc";
  return markup`<g data-box="${b.id}"
    ><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="${container ? 10 : 6}" fill="${fill}" stroke="#94a3b8" />
    <text x="${x}" y="${y}" text-anchor="${anchor}" font-size="13" font-weight="600" fill="#0f172a">${b.title}</text>
    ${b.lines.map((line, i) => lineText(x, y + 17 * (i + 1), anchor, line))}</g
  >`;
}

function arrow(a: ArrowState): Html {
  const layout = ARROWS[a.id];
  const color = TONE_COLOR[a.tone];
  const pts = layout.points;
  const width = Math.max(textWidth(a.label, 12), textWidth(a.status, 11)) + 10;
  const left = layout.label.anchor === "middle" ? layout.label.x - width / 2 : layout.label.x - 5;
  return markup`<g data-arrow="${a.id}" data-tone="${a.tone}"
    ><title>${`${a.name}: ${a.summary}`}</title>
    <path
      d="${pathOf(pts)}"
      fill="none"
      stroke="${color}"
      stroke-width="${a.tone === "bad" ? 3 : 2}"
      ${a.tone === "none" ? markup` stroke-dasharray="6 5"` : ""}
    />
    <polygon points="${arrowhead(pts[pts.length - 2]!, pts[pts.length - 1]!)}" fill="${color}" />
    ${layout.bothEnds ? markup`<polygon points="${arrowhead(pts[1]!, pts[0]!)}" fill="${color}" />` : ""}
    <rect x="${left}" y="${layout.label.y - 14}" width="${width}" height="33" rx="4" fill="${layout.plain ? "none" : "#ffffff"}" />
    <text x="${layout.label.x}" y="${layout.label.y}" text-anchor="${layout.label.anchor}" font-size="12" font-weight="600" fill="#0f172a"
      >${a.label}</text
    >
    <text x="${layout.label.x}" y="${layout.label.y + 14}" text-anchor="${layout.label.anchor}" font-size="11" fill="${color}"
      >${a.status}</text
    ></g
  >`;
}

/** Users' vantages under the figure's User box: who reported, from which address. */
function userNotes(report: Report): Html[] {
  const users = (report.vantages ?? []).filter((v) => v.kind === "users");
  const user = BOXES.find((b) => b.id === "user")!;
  return users.slice(0, 3).map(
    (v, i) =>
      markup`<text x="${user.x + user.w + 10}" y="${user.y + 14 + i * 15}" font-size="11" fill="#334155"
          >${`${v.name}, from ${v.host}`}</text
        >`,
  );
}

/** CircleCI's "SSH Rerun Architecture" figure as plain inline SVG with this run's results: no script, no external styles. */
export function exportDiagram(report: Report): Html {
  const state = diagramState(report.clients, null, { ...report.inventory, machines: report.machines });
  const arrows = ARROW_IDS.map((id) => state.arrows[id]);
  return markup`<figure>
    <svg
      viewBox="0 0 ${VIEWBOX.width} ${VIEWBOX.height}"
      width="100%"
      style="max-width:1040px"
      role="img"
      aria-label="SSH Rerun Architecture"
    >
      ${BOXES.map(box)}${arrows.map(arrow)}${userNotes(report)}
    </svg>
    <figcaption class="small">
      ${arrows.map((a) => markup`<div data-arrow-summary="${a.id}">${`${a.name} (${a.label}): ${a.summary}`}</div>`)}
    </figcaption>
  </figure>`;
}
