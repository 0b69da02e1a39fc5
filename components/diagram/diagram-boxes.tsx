import { BOXES, type BoxLayout } from "./layout";

const FRAME: Record<BoxLayout["kind"], string> = {
  machine: "fill-slate-50 stroke-slate-400 dark:fill-slate-900 dark:stroke-slate-500",
  container: "fill-sky-50/60 stroke-sky-700/50 dark:fill-sky-950/40 dark:stroke-sky-300/50",
  inner: "fill-white stroke-slate-400 dark:fill-slate-800 dark:stroke-slate-500",
};

function Box({ box }: { box: BoxLayout }) {
  const container = box.kind === "container";
  const x = container ? box.x + 12 : box.x + box.w / 2;
  const y = container ? box.y + 22 : box.y + (box.lines.length === 0 ? box.h / 2 + 5 : 22);
  return (
    <g data-box={box.id}>
      <rect
        x={box.x}
        y={box.y}
        width={box.w}
        height={box.h}
        rx={container ? 10 : 6}
        strokeWidth={container ? 1.5 : 1}
        className={FRAME[box.kind]}
      />
      <text
        x={x}
        y={y}
        textAnchor={container ? "start" : "middle"}
        fontSize={13}
        className="fill-slate-900 font-semibold dark:fill-slate-100"
      >
        {box.title}
      </text>
      {box.lines.map((line, i) => (
        <text
          key={line}
          x={x}
          y={y + 17 * (i + 1)}
          textAnchor={container ? "start" : "middle"}
          fontSize={11}
          className={`fill-slate-600 dark:fill-slate-300 ${line.startsWith("/") ? "font-mono" : ""}`}
        >
          {line}
        </text>
      ))}
    </g>
  );
}

/** The machines and processes of CircleCI's figure; BOXES lists the Nomad client before what it holds, so those draw on top. */
export function DiagramBoxes() {
  return (
    <g>
      {BOXES.map((box) => (
        <Box key={box.id} box={box} />
      ))}
    </g>
  );
}
