export { openDatabase, DB_FILE } from "./db";
export { RunsRepo, type RunContext, type RunOrigin, type RunStatus, type StoredRun } from "./runs-repo";
export { SharesRepo, hashShareToken } from "./shares-repo";
export { shareInfoSchema, type ShareInfo, type ResolvedShare, DEFAULT_SHARE_TTL_DAYS, MAX_SHARE_TTL_DAYS } from "./share-types";
export { migrate, LATEST_VERSION } from "./migrations";
export { listRunSummaries, type RunSummary } from "./run-summaries";
