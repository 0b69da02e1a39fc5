import { parseArgs, UsageError, USAGE } from "./args";
import { runCheck } from "./check";

/** Exit codes follow the contract: 0 all ok, 1 some broken/unknown, 2 bad inventory or arguments. */
export async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`rerun-doctor: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (command.kind === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  return runCheck(command);
}
