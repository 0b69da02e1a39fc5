import type { Tone } from "@/lib/views/matrix-cells";

export const TONE_COLOR: Readonly<Record<Tone, string>> = {
  good: "#059669",
  warn: "#d97706",
  bad: "#dc2626",
  unknown: "#64748b",
  none: "#94a3b8",
};

/** The export's only styles: inline, so the file needs nothing but itself. */
export const EXPORT_CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; margin: 24px; max-width: 1400px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: #475569; }
table { border-collapse: collapse; font-size: 12px; }
th, td { border: 1px solid #e2e8f0; padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: #f8fafc; text-transform: uppercase; font-size: 11px; color: #475569; }
.chip { display: inline-block; border-radius: 4px; padding: 0 5px; font-weight: 600; border: 1px solid currentColor; }
.t-good { color: #047857; } .t-warn { color: #b45309; } .t-bad { color: #b91c1c; }
.t-unknown { color: #475569; } .t-none { color: #64748b; }
.v-ok { color: #047857; } .v-degraded { color: #b45309; } .v-broken { color: #b91c1c; } .v-unknown { color: #475569; }
.verdict { text-transform: uppercase; font-weight: 700; }
.finding { border-left: 3px solid #cbd5e1; padding: 2px 10px; margin: 6px 0; }
.finding.error { border-color: #dc2626; } .finding.warning { border-color: #d97706; }
.code { font-family: ui-monospace, monospace; font-weight: 600; }
.small { font-size: 12px; color: #475569; }
pre { white-space: pre-wrap; word-break: break-word; }
svg text { font-family: system-ui, sans-serif; }
`;
