import Link from "next/link";
import type { Tone } from "@/lib/views/matrix-cells";
import type { ArrowState } from "@/lib/views/diagram";
import { arrowhead, pathOf, textWidth, type ArrowLayout, type Point } from "./layout";

const STROKE: Record<Tone, string> = {
  good: "stroke-emerald-600 dark:stroke-emerald-400",
  warn: "stroke-amber-500 dark:stroke-amber-400",
  bad: "stroke-red-600 dark:stroke-red-400",
  unknown: "stroke-slate-500 dark:stroke-slate-400",
  none: "stroke-slate-400 dark:stroke-slate-500",
};

const FILL: Record<Tone, string> = {
  good: "fill-emerald-600 dark:fill-emerald-400",
  warn: "fill-amber-500 dark:fill-amber-400",
  bad: "fill-red-600 dark:fill-red-400",
  unknown: "fill-slate-500 dark:fill-slate-400",
  none: "fill-slate-400 dark:fill-slate-500",
};

const TEXT: Record<Tone, string> = {
  good: "fill-emerald-800 dark:fill-emerald-300",
  warn: "fill-amber-800 dark:fill-amber-300",
  bad: "fill-red-700 dark:fill-red-300",
  unknown: "fill-slate-700 dark:fill-slate-300",
  none: "fill-slate-500 dark:fill-slate-400",
};

const LABEL_SIZE = 12;
const STATUS_SIZE = 11;

/** Stops the line short of the tip so its end does not poke out of the arrowhead. */
function shorten(points: readonly Point[], by: number): Point[] {
  const trim = (from: Point, to: Point): Point => {
    const length = Math.hypot(to[0] - from[0], to[1] - from[1]) || 1;
    return [to[0] - ((to[0] - from[0]) / length) * by, to[1] - ((to[1] - from[1]) / length) * by];
  };
  const out = [...points];
  out[out.length - 1] = trim(out[out.length - 2]!, out[out.length - 1]!);
  return out;
}

function Drawing({ arrow, layout }: { arrow: ArrowState; layout: ArrowLayout }) {
  const { points, label, bothEnds, plain } = layout;
  const tone = arrow.tone;
  const line = shorten(bothEnds ? shorten(points, 6).reverse() : points, 6);
  const width = Math.max(textWidth(arrow.label, LABEL_SIZE), textWidth(arrow.status, STATUS_SIZE)) + 10;
  const left = label.anchor === "middle" ? label.x - width / 2 : label.x - 5;
  return (
    <>
      <path
        d={pathOf(line)}
        fill="none"
        strokeWidth={tone === "bad" ? 3 : 2}
        strokeDasharray={tone === "none" ? "6 5" : undefined}
        className={STROKE[tone]}
      />
      <polygon points={arrowhead(points[points.length - 2]!, points[points.length - 1]!)} className={FILL[tone]} />
      {bothEnds ? <polygon points={arrowhead(points[1]!, points[0]!)} className={FILL[tone]} /> : null}
      <rect
        x={left}
        y={label.y - LABEL_SIZE - 2}
        width={width}
        height={LABEL_SIZE + STATUS_SIZE + 10}
        rx={4}
        strokeWidth={2}
        className={
          `${plain ? "fill-transparent" : "fill-white dark:fill-slate-950"} stroke-transparent ` +
          `group-focus-visible:stroke-sky-600 dark:group-focus-visible:stroke-sky-400`
        }
      />
      <text
        x={label.x}
        y={label.y}
        textAnchor={label.anchor}
        fontSize={LABEL_SIZE}
        className="fill-slate-900 font-semibold dark:fill-slate-100"
      >
        {arrow.label}
      </text>
      <text
        x={label.x}
        y={label.y + STATUS_SIZE + 3}
        textAnchor={label.anchor}
        fontSize={STATUS_SIZE}
        className={`${TEXT[tone]} group-hover:underline`}
      >
        {arrow.status}
      </text>
    </>
  );
}

/** One arrow: colour follows the tone, the label says the same in words; failing arrows link to their clients. */
export function DiagramArrow({ arrow, layout, href }: { arrow: ArrowState; layout: ArrowLayout; href: string | null }) {
  const description = `${arrow.name}, ${arrow.label}: ${arrow.summary}`;
  if (href === null) {
    return (
      <g data-arrow={arrow.id} data-tone={arrow.tone} role="img" aria-label={description}>
        <Drawing arrow={arrow} layout={layout} />
      </g>
    );
  }
  return (
    <g data-arrow={arrow.id} data-tone={arrow.tone}>
      <Link
        href={href}
        replace
        scroll={false}
        className="group cursor-pointer outline-none"
        aria-label={`${description}. Show the ${arrow.failing === 1 ? "failing client" : `${arrow.failing} failing clients`} in the matrix`}
      >
        <Drawing arrow={arrow} layout={layout} />
      </Link>
    </g>
  );
}
