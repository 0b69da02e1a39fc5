import Link from "next/link";

/** Title and the admin's navigation; the share page has its own header without these links. */
export function SiteHeader() {
  return (
    <header className="flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold">
          <Link href="/">Rerun Doctor</Link>
        </h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          Why &ldquo;Rerun job with SSH&rdquo; fails, on which Nomad clients, and what to change.
        </p>
      </div>
      <nav className="flex items-center gap-4 text-sm">
        <Link className="hover:underline" href="/runs">
          History
        </Link>
        <form method="post" action="/api/logout">
          <button type="submit" className="hover:underline">
            Sign out
          </button>
        </form>
      </nav>
    </header>
  );
}
