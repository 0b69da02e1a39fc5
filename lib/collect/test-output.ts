/** Builds output in the collect script's format: text lines, then length-framed blobs. */
export function collectOutput(lines: string[], blobs: Record<string, string | Buffer>, end = "\nrd-end 2\n"): Buffer {
  const names = Object.keys(blobs);
  const header = `rd-blobs ${names.map((n) => `${n}:${Buffer.byteLength(blobs[n]!)}`).join(" ")} \n`;
  return Buffer.concat([
    Buffer.from(["rd-begin 2", ...lines, ""].join("\n")),
    Buffer.from(header),
    ...names.map((n) => Buffer.from(blobs[n]!)),
    Buffer.from(end),
  ]);
}

export const inRerunRange = (port: number): boolean => port >= 64535 && port <= 65535;
