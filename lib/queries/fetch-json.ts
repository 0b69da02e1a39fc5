import type { z } from "zod";

/** The dashboard's one way to call its API: no cache, the server's message on failure, zod on success. */
export async function fetchJson<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { cache: "no-store", ...init });
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((body as { message?: string }).message ?? `The server answered ${response.status}.`);
  return schema.parse(body);
}
