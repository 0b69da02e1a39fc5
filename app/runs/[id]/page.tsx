import { redirect } from "next/navigation";

/** A run's permalink: the home page pinned to that run. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  redirect(`/?run=${encodeURIComponent((await params).id)}`);
}
