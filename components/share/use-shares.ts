"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createShareRequest, revokeShareRequest, sharesQuery } from "@/lib/queries/shares";

export function useShares(runId: string) {
  return useQuery(sharesQuery(runId));
}

export function useCreateShare(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (options: { redact: boolean; ttlDays?: number }) => createShareRequest(runId, options),
    onSettled: () => client.invalidateQueries({ queryKey: sharesQuery(runId).queryKey }),
  });
}

export function useRevokeShare(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (shareId: string) => revokeShareRequest(runId, shareId),
    onSettled: () => client.invalidateQueries({ queryKey: sharesQuery(runId).queryKey }),
  });
}
