import { z } from "zod";

type Path = (string | number)[];

/** The object or array a schema describes, through optional, default, nullable and pipes. */
function core(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (let depth = 0; depth < 10; depth++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
  return current;
}

/** Every key the file has that the schema does not know: zod drops them silently, the admin should hear of them. */
export function unknownKeys(value: unknown, schema: z.ZodType, path: Path = []): Path[] {
  const shape = core(schema);
  if (shape instanceof z.ZodObject && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const known = shape.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, child]) =>
      key in known ? unknownKeys(child, known[key]!, [...path, key]) : [[...path, key]],
    );
  }
  if (shape instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, index) => unknownKeys(item, shape.element as z.ZodType, [...path, index]));
  }
  return [];
}
