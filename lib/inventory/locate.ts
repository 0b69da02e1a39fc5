import { isNode, LineCounter, type Document } from "yaml";

type Path = readonly PropertyKey[];

/** The 1-based line of the deepest node that exists along `path` (a missing key points at its parent). */
export function lineOf(doc: Document, counter: LineCounter, path: Path): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    // A missing key is reported on its parent's first line.
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/** `clients[3].host` from ["clients", 3, "host"]. */
export function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
}
