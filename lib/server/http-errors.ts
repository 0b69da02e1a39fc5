import "server-only";
import { isAppError, type AppErrorCode } from "../common/app-error";

const STATUS: Record<AppErrorCode, number> = {
  invalid_inventory: 422,
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

/** The one translator from errors to HTTP: AppErrors keep their message, anything else is a bare 500. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    return Response.json({ error: error.code, message: error.message.split("\n")[0], problems: error.problems }, { status: STATUS[error.code] });
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  console.error(`rerun-doctor: internal error: ${message.slice(0, 300)}`);
  return Response.json({ error: "internal", message: "internal error" }, { status: 500 });
}

/** Wraps a route handler so every thrown error goes through the translator. */
export function handle<Args extends unknown[]>(fn: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
