export { runDiagnosis, DEFAULT_CONCURRENCY, DEFAULT_PROBE_TIMEOUT_MS, type RunOptions } from "./run-diagnosis";
