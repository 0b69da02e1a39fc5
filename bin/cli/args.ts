export const USAGE = `Usage: rerun-doctor check --inventory FILE [options]

Diagnoses why "Rerun job with SSH" fails on CircleCI Server's Nomad clients.

Options:
  --inventory FILE      fleet file (YAML), see README
  --format FORMAT       table (default), json or markdown
  --timeout-ms N        per-client SSH connect and probe timeout (default 5000)
  --concurrency N       clients inspected at once (default 32)
  --save                keep the run in the dashboard's store (RERUN_DOCTOR_DATA, default ./data)
                        and print its link (RERUN_DOCTOR_URL, default http://127.0.0.1:3000)
  -h, --help            show this help

Exit status: 0 every client ok, 1 some client broken or unknown, 2 invalid inventory or arguments.
`;

export class UsageError extends Error {}

export type Format = "table" | "json" | "markdown";

export interface CheckCommand {
  readonly kind: "check";
  readonly inventory: string;
  readonly format: Format;
  readonly timeoutMs: number | undefined;
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
  let timeoutMs: number | undefined;
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
        timeoutMs = positiveInt(flag, value, 600_000);
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
  return { kind: "check", inventory, format, timeoutMs, concurrency, save };
}
