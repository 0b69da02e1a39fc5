// Child process of local-sockets.test.ts: scans loopback under the open-files limit its shell set.
// argv: <first port> <ranges> <size> [hog]: with "hog", descriptors are used up before the scan.
import { openSync } from "node:fs";
import { FairLimiter } from "./fair-limiter";
import { scanRange } from "./scan";

async function main(): Promise<void> {
  const [from, ranges, size, hog] = process.argv.slice(2);
  if (hog === "hog") {
    for (;;) {
      try {
        openSync("/dev/null", "r");
      } catch {
        break;
      }
    }
  }
  const sockets = new FairLimiter(4096);
  const results = await Promise.allSettled(
    Array.from({ length: Number(ranges) }, (_, i) => {
      const start = Number(from) + i * Number(size);
      return scanRange("127.0.0.1", { from: start, to: start + Number(size) - 1 }, { timeoutMs: 1500, sockets: sockets.lane(`r${i}`) });
    }),
  );
  const out = results.map((r) => (r.status === "fulfilled" ? { counts: r.value.counts } : { error: String(r.reason) }));
  process.stdout.write(JSON.stringify(out));
}

void main();
