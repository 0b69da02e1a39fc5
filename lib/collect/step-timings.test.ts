import { describe, expect, it } from "vitest";
import { stepMarks } from "./parse";
import { stepTimings } from "./step-timings";

describe("stepTimings", () => {
  it("times each step from its mark's arrival to the next one's", () => {
    const text =
      "motd\nrd-begin 2\nrd-step override\noverride.exists 0\nrd-step metadata\nimds.token 200\nrd-step network\nrd-step " +
      "output\nrd-blobs \nrd-end 2\n";
    const stdout = Buffer.from(text);
    const marks = stepMarks(stdout);
    expect(marks.map((m) => m.name)).toEqual(["start", "override", "metadata", "network", "output"]);
    // The metadata mark came in its own chunk 40 ms in; everything after it 2.5 s later.
    const arrivals = [
      { offset: 0, ms: 30 },
      { offset: text.indexOf("rd-step metadata"), ms: 40 },
      { offset: text.indexOf("imds.token"), ms: 2540 },
    ];
    expect(stepTimings(marks, arrivals, 2600)).toEqual([
      { name: "start", ms: 30 },
      { name: "override", ms: 10 },
      { name: "metadata", ms: 2500 },
      { name: "network", ms: 0 },
      { name: "output", ms: 60 },
    ]);
  });

  it("has nothing to time in output that is not the collect script's", () => {
    expect(stepMarks(Buffer.from("sh: not found\n"))).toEqual([]);
    expect(stepTimings([], [], 100)).toEqual([]);
  });
});
