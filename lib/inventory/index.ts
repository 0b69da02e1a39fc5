export { loadInventory, parseInventory } from "./load";
export { expandPath } from "./expand";
export * from "./types";
export { resolveTargets, mergeTargets, type NomadDiscovery, type DiscoveredNode } from "./discover";
export { fetchNomadNodes, NomadError, type NomadNode } from "./nomad-api";
