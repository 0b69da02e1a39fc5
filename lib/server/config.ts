import "server-only";
import { resolve } from "node:path";

export interface ServerConfig {
  /** Absent: the dashboard shows how to write an inventory instead of running. */
  readonly inventoryFile: string | null;
  readonly dataDir: string;
}

export function serverConfig(): ServerConfig {
  const inventory = process.env.RERUN_DOCTOR_INVENTORY?.trim();
  return {
    inventoryFile: inventory ? resolve(/*turbopackIgnore: true*/ inventory) : null,
    dataDir: resolve(/*turbopackIgnore: true*/ process.env.RERUN_DOCTOR_DATA?.trim() || "./data"),
  };
}
