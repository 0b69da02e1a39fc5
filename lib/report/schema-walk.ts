import type { z } from "zod";

/** Where a string sits: object keys from the root, array positions left out ("clients.nomad.id"). */
export type StringVisitor = (value: string, path: string) => string;

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

export const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * A copy of `value` with each free-form string rewritten by `visit`, following the schema rather
 * than a list of fields, so a field added to the schema is visited without anyone remembering it.
 * Enum and literal strings carry no identifier and are never visited.
 */
export function mapStrings(schema: z.ZodType, value: unknown, visit: StringVisitor, path = ""): unknown {
  const def = defOf(schema);
  if (value === null || value === undefined) return value;
  switch (def.type) {
    case "string":
      return typeof value === "string" ? visit(value, path) : value;
    case "optional":
    case "nullable":
      return mapStrings(def.innerType!, value, visit, path);
    case "array":
      return Array.isArray(value) ? value.map((item) => mapStrings(def.element!, item, visit, path)) : value;
    case "object": {
      if (typeof value !== "object") return value;
      const shape = def.shape!;
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, shape[key] ? mapStrings(shape[key], item, visit, join(path, key)) : item]),
      );
    }
    case "union": {
      const option = def.options!.find((o) => o.safeParse(value).success);
      return option ? mapStrings(option, value, visit, path) : value;
    }
    default:
      return value;
  }
}
