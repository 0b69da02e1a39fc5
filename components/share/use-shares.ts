"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { shareInfoSchema } from "@/lib/store/share-types";

const createdSchema = z.object({ url: z.url(), expiresAt: z.string() });
const listSchema = z.object({ shares: z.array(shareInfoSchema) });

async function request<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { cache: "no-store", ...init });
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((body as { message?: string }).message ?? `The server answered ${response.status}.`);
  return schema.parse(body);
}

const sharesKey = (runId: string) => ["shares", runId] as const;
const base = (runId: string) => `/api/runs/${encodeURIComponent(runId)}/share`;

export function useShares(runId: string) {
  return useQuery({ queryKey: sharesKey(runId), queryFn: () => request(base(runId), listSchema).then((b) => b.shares) });
}

export function useCreateShare(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (options: { redact: boolean; ttlDays?: number }) =>
      request(base(runId), createdSchema, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(options) }),
    onSettled: () => client.invalidateQueries({ queryKey: sharesKey(runId) }),
  });
}

export function useRevokeShare(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (shareId: string) => request(`${base(runId)}/${encodeURIComponent(shareId)}/revoke`, z.object({ ok: z.literal(true) }), { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: sharesKey(runId) }),
  });
}
