import { safeNext } from "@/lib/server/safe-next";

const SUBMIT_CLASS =
  "w-full rounded bg-slate-900 px-3 py-2 font-medium text-white hover:bg-slate-700 " +
  "focus-visible:outline focus-visible:outline-2 dark:bg-slate-100 dark:text-slate-900";

const MESSAGES: Record<string, string> = {
  invalid: "That token is not the admin token.",
  rate: "Too many failed attempts. Wait a minute and try again.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? MESSAGES[params.error] : undefined;
  const next = safeNext(typeof params.next === "string" ? params.next : undefined);
  return (
    <main className="mx-auto mt-24 max-w-sm p-6">
      <h1 className="text-2xl font-semibold">Rerun Doctor</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Sign in with the admin token (<code>RERUN_DOCTOR_TOKEN</code>, or the one printed when the server started).
      </p>
      <form method="post" action="/api/login" className="mt-6 space-y-3">
        <input type="hidden" name="next" value={next} />
        <label className="block text-sm font-medium" htmlFor="token">
          Admin token
        </label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          required
          autoFocus
          className="w-full rounded border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
        />
        {error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
        <button type="submit" className={SUBMIT_CLASS}>
          Sign in
        </button>
      </form>
    </main>
  );
}
