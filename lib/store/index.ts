export { openDatabase, DB_FILE } from "./db";
export { RunsRepo, type RunContext, type RunOrigin, type RunStatus, type StoredRun } from "./runs-repo";
