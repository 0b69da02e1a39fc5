import { CopyButton } from "@/components/copy-button";

/** One command to paste into a ticket, with its copy button. */
export function CommandRow({ label, text }: { label: string; text: string }) {
  return (
    <p className="flex flex-wrap items-center gap-2">
      <span className="w-48 text-slate-600 dark:text-slate-400">{label}</span>
      <input
        readOnly
        aria-label={label}
        value={text}
        onFocus={(e) => e.target.select()}
        className="w-[40rem] max-w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
      />
      <CopyButton text={text} label={label} />
    </p>
  );
}
