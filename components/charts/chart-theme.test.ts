import { describe, expect, it } from "vitest";
import { showsDots } from "./chart-theme";

describe("showsDots", () => {
  const month = (exposed: (d: number) => number | null) =>
    Array.from({ length: 30 }, (_, d) => ({ day: `2026-12-${String(d + 1).padStart(2, "0")}`, exposed: exposed(d) }));

  it("draws a dot for a series with one value among many days, which a line cannot show (B22)", () => {
    expect(
      showsDots(
        month((d) => (d === 0 ? 33 : null)),
        "exposed",
      ),
    ).toBe(true);
  });

  it("leaves a long series with several values as a plain line, and dots short ones", () => {
    expect(
      showsDots(
        month((d) => 33 - d),
        "exposed",
      ),
    ).toBe(false);
    expect(showsDots(month((d) => 33 - d).slice(0, 7), "exposed")).toBe(true);
  });
});
