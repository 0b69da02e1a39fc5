/** The lab's programmatic API, for tests of the engine that read lab.json. */
export { readManifest, labDir, labPaths, DEFAULT_LAB_DIR } from "./state";
export { SCENARIOS, SCENARIO_NAMES, selectScenarios } from "./scenarios";
export { LAB_CIDR, DASHBOARD_IP, BRIDGE } from "./addresses";
export { observed, expected } from "./oracle";
export type { Expectation, ImdsMode, FirewallRule, SshdKind, Scenario, LabClient, LabManifest } from "./types";
