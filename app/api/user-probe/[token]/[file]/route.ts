import type { NextRequest } from "next/server";
import { userProbeFileSchema } from "@/lib/api/user-probe";
import { handle, parseParams } from "@/lib/server/http-errors";
import { SHARE_HEADERS, requestOrigin } from "@/lib/server/shares-http";
import { requestSource } from "@/lib/server/source-address";
import { acceptUserProbeUpload, userProbeScript, userProbeTargetsText } from "@/lib/server/user-probes";
import { z } from "zod";

export const dynamic = "force-dynamic";

// Public, like share links: no login, the token in the path is the only guard (proxy.ts lists this route).
type Context = { params: Promise<{ token: string; file: string }> };
const paramsSchema = z.object({ token: z.string().max(100), file: userProbeFileSchema });
const TEXT = { ...SHARE_HEADERS, "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" };

/** GET script.sh | script.ps1 | targets: the fixed script (readable before running) and the "address port" lines. */
export const GET = handle(async (request: NextRequest, { params }: Context) => {
  const { token, file } = await parseParams(paramsSchema, params, "no such user probe");
  const source = requestSource(request.headers);
  if (file === "targets") return new Response(userProbeTargetsText(token, source), { headers: TEXT });
  if (file === "results") return Response.json({ error: "method_not_allowed", message: "POST the results" }, { status: 405 });
  return new Response(userProbeScript(token, file === "script.sh" ? "sh" : "ps1", requestOrigin(request), source), { headers: TEXT });
});

/** POST results { tool, results: ["address port state reason", ...] } → 201 { accepted }. */
export const POST = handle(async (request: NextRequest, { params }: Context) => {
  const { token, file } = await parseParams(paramsSchema, params, "no such user probe");
  if (file !== "results") return Response.json({ error: "method_not_allowed", message: "POST to results" }, { status: 405 });
  const accepted = await acceptUserProbeUpload(token, request, requestSource(request.headers));
  return Response.json(accepted, { status: 201, headers: { "Cache-Control": "no-store" } });
});
