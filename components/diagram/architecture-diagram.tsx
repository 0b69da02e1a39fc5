import { arrowHref, type DiagramState } from "@/lib/views/diagram";
import { ARROW_IDS } from "@/lib/diagnose/catalog";
import { DiagramArrow } from "./diagram-arrow";
import { DiagramBoxes } from "./diagram-boxes";
import { UsersNote } from "./users-note";
import { ARROWS, VIEWBOX } from "./layout";

export const FOOTNOTE =
  "¹ outer advertises the content of /etc/circleci/public-ipv4 when that file exists on the Nomad client, else the instance's public " +
  "IPv4 from AWS instance metadata.";

interface Props {
  readonly state: DiagramState;
  readonly runId: string;
  /** The page's current query string, kept in the arrows' links (other filters, the selected client). */
  readonly baseQuery?: string;
  /** Users' vantages (user probes that reported), named beside the User box. */
  readonly users?: readonly { readonly name: string; readonly host: string }[];
}

/**
 * CircleCI's "SSH Rerun Architecture" figure with this run's results on its arrows.
 * Not role="img" on the figure: that would hide the arrows' links from assistive tech.
 */
export function ArchitectureDiagram({ state, runId, baseQuery = "", users = [] }: Props) {
  const arrows = ARROW_IDS.map((id) => state.arrows[id]);
  const scope = state.selected ? `client ${state.selected}` : `${state.total} client${state.total === 1 ? "" : "s"}`;
  const key = `${runId}-${state.selected ?? "fleet"}`.replace(/[^A-Za-z0-9_-]/g, "_");
  const [titleId, descId] = [`diagram-title-${key}`, `diagram-desc-${key}`];
  return (
    <figure className="space-y-2" aria-labelledby={titleId} data-selected={state.selected ?? ""}>
      <svg
        viewBox={`0 0 ${VIEWBOX.width} ${VIEWBOX.height}`}
        width="100%"
        role="group"
        aria-labelledby={titleId}
        aria-describedby={descId}
        className="h-auto w-full max-w-5xl font-sans text-slate-900 dark:text-slate-100"
      >
        <title id={titleId}>{`SSH Rerun Architecture: ${scope}`}</title>
        <desc id={descId}>{arrows.map((a) => `${a.name} (${a.label}): ${a.summary}.`).join(" ")}</desc>
        <DiagramBoxes />
        <UsersNote users={users} />
        {arrows.map((arrow) => (
          <DiagramArrow
            key={arrow.id}
            arrow={arrow}
            layout={ARROWS[arrow.id]}
            href={arrow.failing > 0 ? arrowHref(runId, arrow.id, baseQuery, state.selected) : null}
          />
        ))}
      </svg>
      <figcaption className="space-y-1 text-xs text-slate-600 dark:text-slate-400">
        <p>
          <span className="font-semibold text-slate-800 dark:text-slate-200">SSH Rerun Architecture</span>, after CircleCI&apos;s figure,
          with this run&apos;s results for {scope}. Each arrow says how many clients fail it; red: failing, amber: warning, green: ok, grey:
          not measured, dashed: not checked by Rerun Doctor. Select a failing arrow to list its clients in the matrix.
        </p>
        <p>{FOOTNOTE}</p>
      </figcaption>
    </figure>
  );
}
