// `npm run docs:checks`: rewrites the README's list of checks from the finding catalog.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withChecksTable } from "../lib/diagnose/catalog/checks-table";

const readme = join(__dirname, "..", "README.md");
writeFileSync(readme, withChecksTable(readFileSync(readme, "utf8")));
console.log(`wrote the checks table of ${readme}`);
