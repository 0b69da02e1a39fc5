import "server-only";
import { z } from "zod";
import { AppError, isAppError, type AppErrorCode } from "../common/app-error";

const STATUS: Record<AppErrorCode, number> = {
  invalid_inventory: 422,
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  too_large: 413,
};

/** The one translator from errors to HTTP: AppErrors and zod failures keep their words, anything else is a bare 500. */
export function errorResponse(error: unknown): Response {
  const known = error instanceof z.ZodError ? AppError.fromZod(error) : error;
  if (isAppError(known)) {
    return Response.json(
      { error: known.code, message: known.message, problems: known.problems },
      { status: STATUS[known.code], headers: { "Cache-Control": "no-store" } },
    );
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  console.error(`rerun-doctor: internal error: ${message.slice(0, 300)}`);
  return Response.json({ error: "internal", message: "internal error" }, { status: 500, headers: { "Cache-Control": "no-store" } });
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

/** A route's params (or a page's search params): what does not parse names nothing that exists. */
export async function parseParams<S extends z.ZodType>(
  schema: S,
  params: Promise<unknown> | unknown,
  what = "no such resource",
): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await params);
  if (!parsed.success) throw new AppError("not_found", what);
  return parsed.data;
}

/** A JSON body; a missing or malformed one is the caller's mistake (400), issue by issue. */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) throw AppError.fromZod(parsed.error, "invalid request body");
  return parsed.data;
}
