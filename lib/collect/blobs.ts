/**
 * The tail of a collect-style output: after the `<marker>name:size ...` line come the raw bytes of each
 * blob, back to back. Reads them from `offset` (just past that line) and says whether the end mark follows.
 */
export function readBlobs(
  stdout: Buffer,
  header: string,
  offset: number,
  endMark: string,
): { blobs: Map<string, Buffer>; complete: boolean } {
  const blobs = new Map<string, Buffer>();
  for (const entry of header.trim().split(" ")) {
    const [name = "", sizeText = ""] = entry.split(":");
    const size = Number(sizeText);
    if (!name || !Number.isSafeInteger(size) || size < 0) break;
    blobs.set(name, stdout.subarray(offset, Math.min(offset + size, stdout.length)));
    offset += size;
  }
  return { blobs, complete: stdout.subarray(offset).toString("latin1").trim() === endMark };
}
