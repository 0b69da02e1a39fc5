/** The one error type the app maps to HTTP statuses and the CLI to exit codes. */
export type AppErrorCode =
  | "invalid_inventory"
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unavailable";

export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Each problem on its own line, e.g. "fleet.yaml:12: clients[3].host: required". */
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}\n${problems.map((p) => `  ${p}`).join("\n")}` : message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
