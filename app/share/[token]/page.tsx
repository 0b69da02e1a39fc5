import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SharedRunView } from "@/components/share/shared-run-view";
import { orNotFound } from "@/lib/common/app-error";
import { sharedRun } from "@/lib/server/shares";

export const dynamic = "force-dynamic";

// The token is in this page's URL: no Referer may carry it away, no search engine may keep it.
export const metadata: Metadata = {
  title: "Rerun Doctor: shared run",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = orNotFound(() => sharedRun(token));
  if (!shared) notFound();
  return (
    <SharedRunView token={token} status={shared.status} report={shared.report} redacted={shared.redacted} expiresAt={shared.expiresAt} />
  );
}
