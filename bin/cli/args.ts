import { DEFAULT_CONNECT_TIMEOUT_MS } from "../../lib/inventory/load";
import { DEFAULT_CONCURRENCY, DEFAULT_PROBE_TIMEOUT_MS } from "../../lib/engine/run-diagnosis";
import { DEFAULT_DASHBOARD_URL } from "./save";

/** What the usage text says of defaults comes from the constants the code uses. */
export const USAGE = `Usage: rerun-doctor check --inventory FILE [options]

Diagnoses why "Rerun job with SSH" fails on CircleCI Server's Nomad clients.

Options:
  --inventory FILE          fleet file (YAML), see README
  --format FORMAT           table (default), json or markdown
  --connect-timeout-ms N    SSH TCP connect timeout per client (default: the inventory's
                            ssh.connectTimeoutMs, else ${DEFAULT_CONNECT_TIMEOUT_MS}); after TCP connects,
                            silence ends a wait, never total time
  --probe-timeout-ms N      the longest one TCP probe waits (default ${DEFAULT_PROBE_TIMEOUT_MS}); probes wait less
                            once the target answered (its measured RTT)
  --timeout-ms N            sets both of the above
  --concurrency N           clients inspected at once (default ${DEFAULT_CONCURRENCY})
  --save                    keep the run in the dashboard's store (RERUN_DOCTOR_DATA, default ./data)
                            and print its link (RERUN_DOCTOR_URL, default ${DEFAULT_DASHBOARD_URL})
  -h, --help                show this help

Exit status: 0 when reruns work on every client (ok or degraded), 1 when some client is broken or
unknown (or a fleet-level error holds), 2 when the inventory or the arguments are invalid.
`;

export class UsageError extends Error {}

export type Format = "table" | "json" | "markdown";

export interface CheckCommand {
  readonly kind: "check";
  readonly inventory: string;
  readonly format: Format;
  readonly connectTimeoutMs: number | undefined;
  readonly probeTimeoutMs: number | undefined;
  readonly concurrency: number | undefined;
  readonly save: boolean;
}

export type Command = CheckCommand | { readonly kind: "help" };

const FORMATS: readonly Format[] = ["table", "json", "markdown"];

function positiveInt(flag: string, value: string | undefined, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(`${flag} needs a whole number from 1 to ${max}, got ${JSON.stringify(value ?? "")}`);
  }
  return Number(value);
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) return { kind: "help" };
  const [verb, ...rest] = argv;
  if (verb !== "check") throw new UsageError(`unknown command ${JSON.stringify(verb)}`);
  let inventory: string | undefined;
  let format: Format = "table";
  let connectTimeoutMs: number | undefined;
  let probeTimeoutMs: number | undefined;
  let concurrency: number | undefined;
  let save = false;
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (flag === "--save") {
      save = true;
      continue;
    }
    switch (flag) {
      case "--inventory":
        if (!value) throw new UsageError("--inventory needs a file");
        inventory = value;
        break;
      case "--format":
        if (!FORMATS.includes(value as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
        format = value as Format;
        break;
      case "--timeout-ms":
        connectTimeoutMs = probeTimeoutMs = positiveInt(flag, value, 600_000);
        break;
      case "--connect-timeout-ms":
        connectTimeoutMs = positiveInt(flag, value, 600_000);
        break;
      case "--probe-timeout-ms":
        probeTimeoutMs = positiveInt(flag, value, 600_000);
        break;
      case "--concurrency":
        concurrency = positiveInt(flag, value, 1000);
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(flag)}`);
    }
    i++;
  }
  if (!inventory) throw new UsageError("check needs --inventory FILE");
  return { kind: "check", inventory, format, connectTimeoutMs, probeTimeoutMs, concurrency, save };
}
