import type { Cell } from "@/lib/views/matrix-cells";
import { TONE_CLASS } from "../tone";

/** A matrix cell: a label, a color that repeats it, and the evidence in the tooltip. */
export function CellChip({ cell }: { cell: Cell }) {
  return (
    <span
      title={cell.evidence}
      className={`inline-flex max-w-[14rem] truncate rounded px-1.5 py-0.5 text-xs ring-1 ring-inset ${TONE_CLASS[cell.tone]}`}
    >
      {cell.label}
    </span>
  );
}
