/** C0/C1 controls, DEL, and bidi overrides that can reorder what a terminal or browser shows. */
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Remote-derived text made inert for a terminal: control characters become visible escapes. */
export function terminalSafe(value: string): string {
  return value.replace(UNSAFE_CHARS, escapeChar);
}

/** Cuts to at most `max` code points, marking the cut with an ellipsis. */
export function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, Math.max(0, max - 1)).join("")}…`;
}

const MARKDOWN_SPECIALS = /[\\`*_[\]|~]/g;
const HTML_SPECIALS: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Text safe inside a Markdown paragraph or table cell: no raw HTML, no emphasis, code, links or
 * cell breaks, on one line, and no leading block marker (heading, quote, list).
 */
export function escapeMarkdown(value: string): string {
  const inline = terminalSafe(value.replace(/\r\n|\r|\n/g, " "))
    .replace(MARKDOWN_SPECIALS, (char) => `\\${char}`)
    .replace(/[&<>]/g, (char) => HTML_SPECIALS[char]!);
  return inline.replace(/^(\s*)([#+=-]|\d+(?=[.)]))(?=[.)]?(\s|$))/, (_, space: string, marker: string) =>
    /\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}
