import type { ClientReport } from "@/lib/report/schema";
import { CopyButton } from "../copy-button";

const IMDS_PAIR = `TOKEN=$(curl -sX PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
curl -s -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/public-ipv4`;

/** Commands to check each link by hand; values shown are the report's, quoted for a shell. */
export function CheckCommands({ client }: { client: ClientReport }) {
  const ip = client.advertisedIp;
  const port = client.portRuns.find((r) => r.state === "filtered")?.from ?? client.portRuns[0]?.from ?? 64535;
  const commands: [string, string][] = [
    ...(ip
      ? ([
          [`From a user's network: can users reach port ${port}?`, `nc -vz ${ip} ${port}`],
          ["SSH as a user would (needs a rerun job on that port)", `ssh -p ${port} ${ip}`],
        ] as [string, string][])
      : []),
    ["On the client: what outer reads first", "cat -A /etc/circleci/public-ipv4"],
    ["On the client: metadata with an IMDSv2 token", IMDS_PAIR],
  ];
  return (
    <ul className="space-y-3">
      {commands.map(([label, command]) => (
        <li key={label}>
          <div className="flex items-center justify-between gap-2 text-sm">
            <span>{label}</span>
            <CopyButton text={command} label={label} />
          </div>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{command}</pre>
        </li>
      ))}
    </ul>
  );
}
