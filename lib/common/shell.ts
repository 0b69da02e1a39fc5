const SAFE = /^[A-Za-z0-9@%+=:,./_-]+$/;

/**
 * One argument for a POSIX shell, as an admin would paste it from a suggested command: plain when
 * it holds nothing a shell reads, else single-quoted. Remote values never reach a command unquoted.
 */
export function shellQuote(value: string): string {
  if (value !== "" && SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
