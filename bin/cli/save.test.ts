import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeObservation } from "../../lib/diagnose/test-fixtures";
import { reportOf } from "../../lib/report/test-fixtures";
import { openDatabase } from "../../lib/store/db";
import { RunsRepo } from "../../lib/store/runs-repo";
import { parseArgs } from "./args";
import { runLink, saveRun } from "./save";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rd-cli-save-"));
  dirs.push(dir);
  return dir;
}

const RUN_ID = "0b6f3c7e-8a8e-4d3c-9d55-0c1f6c1e2a10";

describe("check --save", () => {
  it("parses --save anywhere among the options, and is off by default", () => {
    expect(parseArgs(["check", "--save", "--inventory", "f.yaml"])).toMatchObject({ inventory: "f.yaml", save: true });
    expect(parseArgs(["check", "--inventory", "f.yaml", "--format", "json", "--save"])).toMatchObject({ format: "json", save: true });
    expect(parseArgs(["check", "--inventory", "f.yaml"])).toMatchObject({ save: false });
  });

  it("writes the finished run into RERUN_DOCTOR_DATA with origin cli and links to it", () => {
    const data = freshDir();
    const report = reportOf([makeObservation(), makeObservation({ target: { name: "nomad-client-2", host: "198.51.100.12" } })], RUN_ID);
    const { url } = saveRun(report, { interrupted: false }, { RERUN_DOCTOR_DATA: data, RERUN_DOCTOR_URL: "https://doctor.example/" });
    expect(url).toBe(`https://doctor.example/?run=${RUN_ID}`);
    const db = openDatabase(data);
    const stored = new RunsRepo(db).get(RUN_ID);
    expect(stored).toMatchObject({ status: "done", origin: "cli", totalClients: 2 });
    expect(stored?.report).toEqual(report);
    db.close();
  });

  it("keeps a run cut short as interrupted, and defaults the link to the local dashboard", () => {
    const data = freshDir();
    const report = reportOf([makeObservation()], RUN_ID);
    saveRun(report, { interrupted: true }, { RERUN_DOCTOR_DATA: data });
    const db = openDatabase(data);
    expect(new RunsRepo(db).get(RUN_ID)).toMatchObject({ status: "interrupted", origin: "cli" });
    db.close();
    expect(runLink(RUN_ID, {})).toBe(`http://127.0.0.1:3000/?run=${RUN_ID}`);
  });
});
