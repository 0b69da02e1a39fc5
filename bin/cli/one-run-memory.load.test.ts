// Issue 12's bound for one run: the CLI over the load step's lab (118 clients) stays under 250 MB.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManifest } from "../../lab";
import { reportSchema } from "../../lib/report/schema";

const CLI = join(__dirname, "..", "rerun-doctor");
/** Resource bound, not a timing. */
const MAX_RSS_KB = 250 * 1024;

describe("one run of the CLI over the load lab", () => {
  it("inspects every client and peaks under 250 MB RSS", async () => {
    const lab = readManifest();
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      const args = ["-f", "%M", CLI, "check", "--inventory", lab.inventoryFile, "--format", "json"];
      execFile("/usr/bin/time", args, { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 }, (_err, out, err) =>
        resolve({ stdout: String(out), stderr: String(err) }),
      );
    });
    const peakRssKb = Number(/(\d+)\s*$/.exec(stderr)?.[1]);
    const report = reportSchema.parse(JSON.parse(stdout));
    console.log(`one run: ${report.clients.length} clients, peak RSS ${Math.round(peakRssKb / 1024)} MB`);
    expect(report.clients).toHaveLength(lab.clients.length);
    expect(peakRssKb).toBeGreaterThan(10_000);
    expect(peakRssKb).toBeLessThan(MAX_RSS_KB);
  }, 660_000);
});
