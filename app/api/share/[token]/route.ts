import { handle } from "@/lib/server/http-errors";
import { sharedRun } from "@/lib/server/shares";
import { SHARE_HEADERS } from "@/lib/server/shares-http";

export const dynamic = "force-dynamic";

/** GET → { status, report, redacted, expiresAt }; unknown, expired and revoked tokens are one 404. */
export const GET = handle(async (_request: Request, { params }: { params: Promise<{ token: string }> }) => {
  const { status, report, redacted, expiresAt } = sharedRun((await params).token);
  return Response.json({ status, report, redacted, expiresAt }, { headers: SHARE_HEADERS });
});
