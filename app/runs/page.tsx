import Link from "next/link";
import { RunHistoryTable } from "@/components/history/run-history-table";
import { SchedulePanel } from "@/components/watch/schedule-panel";
import { runHistory } from "@/lib/server/history";
import { requireAdminPage } from "@/lib/server/require-admin";
import { dailySummaries, scheduleStatus } from "@/lib/server/watch/scheduler";

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
      <SchedulePanel status={scheduleStatus()} summaries={dailySummaries()} />
      <RunHistoryTable runs={runHistory()} />
    </main>
  );
}
