export { runDiagnosis, planRun, DEFAULT_CONCURRENCY, DEFAULT_PROBE_TIMEOUT_MS, type RunOptions, type RunPlan } from "./run-diagnosis";
