// Starts lib/probe/scan-thread.ts in a worker thread through tsx, as bin/rerun-doctor starts the CLI.
"use strict";
require("tsx/cjs/api").register();
require("./scan-thread.ts");
