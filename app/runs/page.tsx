import Link from "next/link";
import { RunHistoryTable } from "@/components/history/run-history-table";
import { runHistory } from "@/lib/server/history";
import { requireAdminPage } from "@/lib/server/require-admin";

export const dynamic = "force-dynamic";

export default async function RunsPage() {
  await requireAdminPage();
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-6">
      <nav className="text-sm">
        <Link href="/" className="hover:underline">
          ← Dashboard
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Run history</h1>
      <RunHistoryTable runs={runHistory()} />
    </main>
  );
}
