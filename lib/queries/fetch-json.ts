import type { z } from "zod";

/** What the caller already holds of a resource: sent as If-None-Match, returned again on 304. */
export interface Held<T> {
  readonly etag: string;
  readonly data: T;
}

/** The dashboard's one way to call its API: no cache, the server's message on failure, zod on success. */
export async function fetchJson<T>(url: string, schema: z.ZodType<T>, init: RequestInit = {}, held?: Held<T>): Promise<T> {
  const headers = new Headers(init.headers);
  if (held) headers.set("If-None-Match", held.etag);
  const response = await fetch(url, { cache: "no-store", ...init, headers });
  if (response.status === 304 && held) return held.data;
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((body as { message?: string }).message ?? `The server answered ${response.status}.`);
  return schema.parse(body);
}
