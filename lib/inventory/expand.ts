import { homedir } from "node:os";
import { isAbsolute, resolve, dirname } from "node:path";

/** Environment variables as read here; a plain map so tests can pass their own. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Expands `~` and `${ENV}` in a path; relative paths are taken from the inventory file's folder. */
export function expandPath(raw: string, inventoryFile: string, env: Env = process.env): string {
  const withEnv = raw.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`environment variable ${name} is not set`);
    return value;
  });
  const withHome = withEnv === "~" ? homedir() : withEnv.startsWith("~/") ? `${homedir()}${withEnv.slice(1)}` : withEnv;
  return isAbsolute(withHome) ? withHome : resolve(dirname(inventoryFile), withHome);
}
