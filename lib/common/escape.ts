/** Longest escaped rendering of remote bytes that a finding may quote. */
export const PREVIEW_MAX_CHARS = 200;

const NAMED_ESCAPES: Readonly<Record<number, string>> = {
  0x09: "\\t",
  0x0a: "\\n",
  0x0d: "\\r",
  0x22: '\\"',
  0x5c: "\\\\",
};

function escapeByte(byte: number): string {
  const named = NAMED_ESCAPES[byte];
  if (named !== undefined) return named;
  if (byte >= 0x20 && byte <= 0x7e) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, "0")}`;
}

function escapeUpTo(bytes: Uint8Array, budget: number): { text: string; consumed: number } {
  let text = "";
  let consumed = 0;
  for (; consumed < bytes.length; consumed++) {
    const token = escapeByte(bytes[consumed]!);
    if (text.length + token.length > budget) break;
    text += token;
  }
  return { text, consumed };
}

/**
 * Renders bytes as printable ASCII: non-printables as \xNN, \r \n \t as escapes, `"` and `\`
 * escaped, so the result can sit between double quotes in any text. Never longer than maxChars.
 */
export function escapeBytes(bytes: Uint8Array, maxChars: number = PREVIEW_MAX_CHARS): string {
  const whole = escapeUpTo(bytes, maxChars);
  if (whole.consumed === bytes.length) return whole.text;
  const reserve = `… (+${bytes.length} more bytes)`.length;
  const head = escapeUpTo(bytes, maxChars - reserve);
  return `${head.text}… (+${bytes.length - head.consumed} more bytes)`;
}

/** Text already escaped, cut to `max` characters with a mark. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Same rendering for a remote string (a banner, a message), through its UTF-8 bytes. */
export function escapeText(text: string, maxChars: number = PREVIEW_MAX_CHARS): string {
  return escapeBytes(new TextEncoder().encode(text), maxChars);
}

/** C0/C1 controls, DEL, and bidi overrides that can reorder what a terminal or browser shows. */
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Remote-derived text made inert for a terminal or a page: control and bidi characters become visible escapes. */
export function terminalSafe(value: string): string {
  return value.replace(UNSAFE_CHARS, escapeChar);
}
