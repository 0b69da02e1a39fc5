import type { CheckCommand } from "./args";

export async function runCheck(_command: CheckCommand): Promise<number> {
  process.stderr.write("rerun-doctor: check is not built yet\n");
  return 1;
}
