import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DB_FILE, openDatabase } from "./db";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe("openDatabase file modes", () => {
  it("makes an existing, world-readable data folder 0700 and every database file 0600", () => {
    const parent = mkdtempSync(join(tmpdir(), "rd-db-modes-"));
    dirs.push(parent);
    const dataDir = join(parent, "data");
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const file = join(dataDir, DB_FILE);
    writeFileSync(file, "");
    chmodSync(file, 0o644);

    const db = openDatabase(dataDir);
    db.exec("CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1);");
    expect(mode(dataDir)).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600);
    db.close();
  });

  it("creates a new data folder 0700 with a 0600 database, whatever the umask", () => {
    const parent = mkdtempSync(join(tmpdir(), "rd-db-modes-"));
    dirs.push(parent);
    const previous = process.umask(0o002);
    try {
      const dataDir = join(parent, "fresh");
      const db = openDatabase(dataDir);
      db.exec("CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1);");
      expect(mode(dataDir)).toBe(0o700);
      for (const path of [join(dataDir, DB_FILE), join(dataDir, `${DB_FILE}-wal`)]) expect(mode(path), path).toBe(0o600);
      db.close();
    } finally {
      process.umask(previous);
    }
  });
});
