const EXAMPLE = `ssh:
  user: ubuntu
  identityFile: ~/.ssh/id_ed25519
  knownHostsFile: ~/.ssh/known_hosts
  hostKeyPolicy: strict
rerun:
  ports: 64535-65535
server:
  version: "4.8"
clients:
  - name: nomad-client-1
    host: 10.0.1.12`;

/** Shown instead of the matrix when the server has no inventory file. */
export function EmptyInventory() {
  return (
    <section className="max-w-2xl space-y-3">
      <h2 className="text-lg font-semibold">No inventory yet</h2>
      <p>
        Write a fleet file and start the server with <code>RERUN_DOCTOR_INVENTORY=/path/to/fleet.yaml</code>. For example (the lab writes
        one like it with <code>npm run lab -- up</code>):
      </p>
      <pre className="overflow-x-auto rounded bg-slate-100 p-3 text-sm dark:bg-slate-900">{EXAMPLE}</pre>
    </section>
  );
}
