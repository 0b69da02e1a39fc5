import { z } from "zod";
import { runIdSchema } from "@/lib/api/schema";
import { userProbeIdSchema } from "@/lib/api/user-probe";
import { handle, parseParams } from "@/lib/server/http-errors";
import { requireAdmin } from "@/lib/server/require-admin";
import { revokeUserProbe } from "@/lib/server/user-probes";

const paramsSchema = z.object({ id: runIdSchema, probeId: userProbeIdSchema });

/** POST → { ok: true }: the link's script, targets and uploads stop at once; what it reported stays. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string; probeId: string }> }) => {
  await requireAdmin(request);
  const { id, probeId } = await parseParams(paramsSchema, params, "no such user probe for this run");
  revokeUserProbe(id, probeId);
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
});
