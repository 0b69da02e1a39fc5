import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RunDiffView } from "@/components/history/run-diff-view";
import { runIdSchema } from "@/lib/api/schema";
import { orNotFound } from "@/lib/common/app-error";
import { runDiff } from "@/lib/server/history";
import { requireAdminPage } from "@/lib/server/require-admin";

export const dynamic = "force-dynamic";

const querySchema = z.object({ a: runIdSchema, b: runIdSchema });

/** /runs/diff?a=BEFORE&b=AFTER */
export default async function RunDiffPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage();
  const query = querySchema.safeParse(await searchParams);
  if (!query.success) notFound();
  const diff = orNotFound(() => runDiff(query.data.a, query.data.b));
  if (!diff) notFound();
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-6">
      <nav className="text-sm">
        <Link href="/runs" className="hover:underline">
          ← Run history
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Changes between two runs</h1>
      <RunDiffView diff={diff} />
    </main>
  );
}
