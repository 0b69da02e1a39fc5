import "server-only";
import { AppError } from "../common/app-error";
import { MAX_UPLOAD_BYTES, targetsText, userProbeTargets, userProbeUploadSchema, validateUpload } from "../report/user-probe";
import { UserProbesRepo, type ActiveUserProbe, type UserProbeInfo } from "../store/user-probes-repo";
import { readBoundedText } from "./bounded-body";
import { dbHandle } from "./db-handle";
import { userProbeLimits } from "./user-probe-limiter";
import { oneLiners, ps1Script, shScript, userProbeBase } from "./user-probe-script";

const NOT_FOUND = "no such user probe (unknown, expired or revoked)";

function repo(): UserProbesRepo {
  return new UserProbesRepo(dbHandle().db);
}

export interface CreatedUserProbe {
  readonly id: string;
  readonly label: string;
  readonly expiresAt: string;
  readonly targets: number;
  readonly scripts: { readonly sh: string; readonly ps1: string };
  readonly commands: ReturnType<typeof oneLiners>;
}

/** A probe request for a finished run: its targets are fixed now, from what the run probed. */
export function createUserProbe(
  runId: string,
  options: { label: string; ttlHours?: number; client?: string },
  origin: string,
): CreatedUserProbe {
  const run = dbHandle().runs.get(runId);
  if (!run) throw new AppError("not_found", `no run ${runId}`);
  if (run.status === "running") throw new AppError("conflict", "the run is still running: ask users to check once it has finished");
  if (options.client !== undefined && !run.report.clients.some((c) => c.name === options.client))
    throw new AppError("not_found", "no such client in this run");
  const targets = userProbeTargets(run.report, options.client);
  if (targets.length === 0)
    throw new AppError("conflict", "the run probed no advertised address there, so there is nothing for users to check");
  const { token, id, expiresAt } = repo().create(runId, { label: options.label, targets, ttlHours: options.ttlHours });
  const base = userProbeBase(origin, token);
  return {
    id,
    label: options.label,
    expiresAt,
    targets: targets.length,
    scripts: { sh: shScript(base), ps1: ps1Script(base) },
    commands: oneLiners(base),
  };
}

export function listUserProbes(runId: string): UserProbeInfo[] {
  if (!dbHandle().runs.get(runId)) throw new AppError("not_found", `no run ${runId}`);
  return repo().list(runId);
}

export function revokeUserProbe(runId: string, id: string): void {
  if (!repo().revoke(runId, id)) throw new AppError("not_found", "no such user probe for this run");
}

/** Every public call: the source's budget first, then the token, which is the only guard. */
function admit(token: string, source: string): ActiveUserProbe {
  const wait = userProbeLimits().bySource.take(source);
  if (wait > 0) throw new AppError("rate_limited", `too many requests from this address; try again in ${Math.ceil(wait / 1000)} s`);
  const probe = repo().resolve(token);
  if (!probe) throw new AppError("not_found", NOT_FOUND);
  return probe;
}

export function userProbeScript(token: string, kind: "sh" | "ps1", origin: string, source: string): string {
  admit(token, source);
  const base = userProbeBase(origin, token);
  return kind === "sh" ? shScript(base) : ps1Script(base);
}

export function userProbeTargetsText(token: string, source: string): string {
  return targetsText(admit(token, source).targets);
}

/** Checks and stores an upload: only results for this request's own targets, within size and rate. */
export async function acceptUserProbeUpload(token: string, request: Request, source: string): Promise<{ accepted: number }> {
  const probe = admit(token, source);
  const wait = userProbeLimits().byToken.take(probe.tokenHash);
  if (wait > 0) throw new AppError("rate_limited", `too many uploads for this link; try again in ${Math.ceil(wait / 60_000)} min`);
  const text = await readBoundedText(request, MAX_UPLOAD_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "the body is not JSON");
  }
  const upload = userProbeUploadSchema.safeParse(json);
  if (!upload.success) throw AppError.fromZod(upload.error, "invalid upload");
  const checked = validateUpload(probe.targets, upload.data);
  if (!checked.ok) throw new AppError("invalid_input", "invalid upload", checked.problems);
  repo().record(probe.tokenHash, { tool: upload.data.tool, results: checked.results }, source);
  return { accepted: checked.results.length };
}
