import "server-only";
import { resolve } from "node:path";
import { dataDir } from "../store/db";

export interface ServerConfig {
  /** Absent: the dashboard shows how to write an inventory instead of running. */
  readonly inventoryFile: string | null;
  readonly dataDir: string;
}

export function serverConfig(): ServerConfig {
  const inventory = process.env.RERUN_DOCTOR_INVENTORY?.trim();
  return {
    inventoryFile: inventory ? resolve(/*turbopackIgnore: true*/ inventory) : null,
    dataDir: dataDir(),
  };
}
