import { z } from "zod";
import { reportSchema } from "../report/schema";

/** GET /api/runs/:id, as the contract says: status and report (partial while running). */
export const runViewSchema = z.object({
  status: z.enum(["running", "done", "interrupted"]),
  origin: z.enum(["ui", "api", "cli"]),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  /** Changes whenever the run does; also the response's ETag (extension). */
  version: z.string(),
  report: reportSchema,
});

export type RunView = z.infer<typeof runViewSchema>;
