"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createUserProbeRequest, revokeUserProbeRequest, userProbesQuery } from "@/lib/queries/user-probes";

export function useUserProbes(runId: string) {
  return useQuery(userProbesQuery(runId));
}

/** After an upload lands the run's report changes too, so its query is refreshed with the list. */
export function useCreateUserProbe(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (options: { label: string; ttlHours?: number; client?: string }) => createUserProbeRequest(runId, options),
    onSettled: () => client.invalidateQueries({ queryKey: userProbesQuery(runId).queryKey }),
  });
}

export function useRevokeUserProbe(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeUserProbeRequest(runId, id),
    onSettled: () => client.invalidateQueries({ queryKey: userProbesQuery(runId).queryKey }),
  });
}
