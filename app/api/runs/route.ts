import type { NextRequest } from "next/server";
import type { RunList } from "@/lib/api/schema";
import { handle } from "@/lib/server/http-errors";
import { requireAdmin } from "@/lib/server/require-admin";
import { startRun } from "@/lib/server/run-manager";
import { runHistory } from "@/lib/server/history";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: NextRequest) => {
  const origin = (await requireAdmin(request)) === "bearer" ? "api" : "ui";
  return Response.json(startRun(origin), { status: 202, headers: { "Cache-Control": "no-store" } });
});

/** The newest runs with verdict counts summed in SQL: no client report is parsed for a list. */
export const GET = handle(async (request: NextRequest) => {
  await requireAdmin(request);
  const runs = runHistory(50).map((run) => ({
    id: run.id,
    status: run.status,
    origin: run.origin,
    trigger: run.trigger,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    total: run.totalClients,
    verdicts: run.counts,
  }));
  return Response.json({ runs } satisfies RunList, { headers: { "Cache-Control": "no-store" } });
});
