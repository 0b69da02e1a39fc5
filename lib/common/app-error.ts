import { z } from "zod";

/** The one error type the app maps to HTTP statuses and the CLI to exit codes. */
export const APP_ERROR_CODES = [
  "invalid_inventory",
  "invalid_input",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "unavailable",
  "too_large",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    /** The headline, one line: "invalid inventory /etc/rerun-doctor/fleet.yaml". */
    message: string,
    /** Each problem on its own line, e.g. "fleet.yaml:12: clients[3].host: required". */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }

  /** The headline and its problems, indented, for a terminal or a form. */
  get text(): string {
    return [this.message, ...this.problems.map((p) => `  ${p}`)].join("\n");
  }

  /** A zod failure on input from outside, each issue as "path: message". */
  static fromZod(error: z.ZodError, headline = "invalid input"): AppError {
    return new AppError(
      "invalid_input",
      headline,
      error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`),
    );
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** For pages: the value, or null when it does not exist (anything else still throws). */
export function orNotFound<T>(find: () => T): T | null {
  try {
    return find();
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  }
}
