"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { cancelRunRequest, runQuery } from "@/lib/queries/run-query";

export function useRun(runId: string | null) {
  return useQuery({ ...runQuery(runId ?? ""), enabled: runId !== null });
}

export function useCancelRun(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => cancelRunRequest(runId),
    onSettled: () => client.invalidateQueries({ queryKey: runQuery(runId).queryKey }),
  });
}
