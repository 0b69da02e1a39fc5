import { MAX_EXTRA_CLIENTS } from "./plan";
import { EXTRA_CLIENT_SCENARIO, SCENARIO_NAMES, UnknownScenarioError } from "./scenarios";

export type Command = "up" | "down" | "status";

export interface LabArgs {
  readonly command: Command;
  readonly scenarios: string[];
  readonly clients: number;
  readonly hostile: boolean;
  readonly reach: boolean;
  /** The scenario the --clients extras copy. */
  readonly extrasLike: string;
}

export const USAGE = `usage: npm run lab -- up|down|status [--scenario NAME]... [--clients N] [--hostile]
  up        bring the lab up (tears down what is there first); default: every scenario
  down      remove everything the lab made (also after a crash or a lost state dir)
  status    show each client, its addresses, whether its sshd and its IMDS answer
  --scenario NAME   only this scenario (repeatable); one of: ${SCENARIO_NAMES.join(", ")}
  --hostile         add the hostile clients (hung command, dropped connection, 100 MB output, ...)
  --reach            add a vantage, a services host, two VMs and their clients (inventory-reach.yaml)
  --clients N       add N healthy IMDSv1 clients healthy-001... (0..${MAX_EXTRA_CLIENTS})
  --extras-like NAME  the --clients extras copy scenario NAME instead (NAME-001...), e.g. sg-drops-rerun-range
state dir: $RERUN_DOCTOR_LAB_DIR (default /tmp/rerun-doctor-lab)`;

export class UsageError extends Error {}

/** Parses the CLI's arguments; throws UsageError or UnknownScenarioError (both exit 2). */
export function parseArgs(argv: readonly string[]): LabArgs {
  const [command, ...rest] = argv;
  if (command !== "up" && command !== "down" && command !== "status") {
    throw new UsageError(command ? `unknown command ${command}` : "no command given");
  }
  const scenarios: string[] = [];
  let clients = 0;
  let hostile = false;
  let reach = false;
  let extrasLike = EXTRA_CLIENT_SCENARIO;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "--hostile" && inline === undefined) hostile = true;
    else if (flag === "--reach" && inline === undefined) reach = true;
    else if (flag === "--scenario") scenarios.push(value());
    else if (flag === "--extras-like") extrasLike = value();
    else if (flag === "--clients") {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) > MAX_EXTRA_CLIENTS)
        throw new UsageError(`--clients must be an integer from 0 to ${MAX_EXTRA_CLIENTS}, got ${v}`);
      clients = Number(v);
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  if (command !== "up" && (scenarios.length > 0 || clients > 0 || hostile || reach || extrasLike !== EXTRA_CLIENT_SCENARIO))
    throw new UsageError(`${command} takes no --scenario, --clients, --extras-like, --hostile or --reach`);
  const unknown = [...scenarios, extrasLike].filter((s) => !SCENARIO_NAMES.includes(s));
  if (unknown.length > 0) throw new UnknownScenarioError([...new Set(unknown)]);
  return { command, scenarios, clients, hostile, reach, extrasLike };
}
