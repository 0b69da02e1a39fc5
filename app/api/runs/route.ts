import type { NextRequest } from "next/server";
import { handle } from "@/lib/server/http-errors";
import { startRun } from "@/lib/server/run-manager";
import { store } from "@/lib/server/store";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: NextRequest) => {
  const origin = request.headers.has("authorization") ? "api" : "ui";
  return Response.json(startRun(origin), { status: 202 });
});

export const GET = handle(async () => {
  const runs = store().runs.list(50).map((run) => ({
    id: run.id,
    status: run.status,
    origin: run.origin,
    startedAt: run.report.startedAt,
    finishedAt: run.report.finishedAt,
    total: run.totalClients,
    verdicts: run.report.clients.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.verdict]: (acc[c.verdict] ?? 0) + 1 }), {}),
  }));
  return Response.json({ runs });
});
