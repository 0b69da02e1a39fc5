import { describeUsersNetwork, INVENTORY_USERS } from "@/lib/diagnose/users-networks";
import type { Report } from "@/lib/report/schema";

/** Which users' networks the clients' firewalls and routes were checked against, a user probe's address among them. */
export function UsersNetworksNote({ networks }: { networks: NonNullable<Report["usersNetworks"]> }) {
  if (!networks.some((n) => n.source !== INVENTORY_USERS)) return null;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="users-networks">
      The clients&rsquo; firewalls and routes were checked against the users&rsquo; networks{" "}
      {networks.map((n) => describeUsersNetwork(n.cidr, networks)).join(", ")}.
    </p>
  );
}
