export default function HomePage() {
  return (
    <main className="mx-auto max-w-6xl p-6">
      <h1 className="text-2xl font-semibold">Rerun Doctor</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        Why &ldquo;Rerun job with SSH&rdquo; fails, on which Nomad clients, and what to change.
      </p>
    </main>
  );
}
