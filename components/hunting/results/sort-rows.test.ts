import { describe, expect, it } from "vitest";
import { nextSort, sortedOrder } from "./sort-rows";

const rows = [
  { n: 10, t: "2026-11-26T10:00:00.5Z", s: "beta", d: { a: 1 } },
  { n: 9, t: "2026-11-26T10:00:00Z", s: "Alpha", d: null },
  { n: null, t: null, s: "", d: { a: 0 } },
  { n: "100", t: "2026-11-25T23:59:59.9999999Z", s: "alpha", d: "[1]" },
  { n: -1, t: "2026-11-26T09:00:00Z", s: "gamma", d: { a: 2 } },
];
const order = (name: string, type: string, dir: "asc" | "desc") => sortedOrder(rows, { name, type }, dir);

describe("sortedOrder", () => {
  it("sorts numbers by value, not as text (a long may come as a string)", () => {
    expect(order("n", "Int64", "asc")).toEqual([4, 1, 0, 3, 2]);
    expect(order("n", "Int64", "desc")).toEqual([3, 0, 1, 4, 2]);
  });

  it("sorts datetimes by time whatever their fraction digits (text order would put .5Z before Z)", () => {
    expect(order("t", "DateTime", "asc")).toEqual([3, 4, 1, 0, 2]);
  });

  it("sorts text case-insensitively and keeps equal values in the order returned (stable)", () => {
    expect(order("s", "String", "asc")).toEqual([1, 3, 0, 4, 2]);
    expect(order("s", "String", "desc")).toEqual([4, 0, 1, 3, 2]);
  });

  it("puts missing values last in both directions", () => {
    expect(order("d", "Dynamic", "asc").at(-1)).toBe(1);
    expect(order("d", "Dynamic", "desc").at(-1)).toBe(1);
  });

  it("sorts 100,000 rows fast enough to feel instant", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ c: `host-${(i * 7919) % 100_000}` }));
    const started = performance.now();
    const sorted = sortedOrder(many, { name: "c", type: "String" }, "asc");
    expect(performance.now() - started).toBeLessThan(1_000); // a generous bound on a shared CI machine
    expect(many[sorted[0]].c <= many[sorted[1]].c).toBe(true);
  });
});

describe("nextSort", () => {
  it("cycles ascending, descending, then the order the query returned", () => {
    const asc = nextSort(null, "n");
    expect(asc).toEqual({ column: "n", dir: "asc" });
    const desc = nextSort(asc, "n");
    expect(desc).toEqual({ column: "n", dir: "desc" });
    expect(nextSort(desc, "n")).toBeNull();
    expect(nextSort(desc, "s")).toEqual({ column: "s", dir: "asc" });
  });
});
