export { loadInventory, parseInventory } from "./load";
export { expandPath } from "./expand";
export * from "./types";
