import { describe, expect, it } from "vitest";
import type { InfiniteData } from "@tanstack/react-query";
import {
  pageUrl,
  pruneSelection,
  removeRowsFromPages,
  rowsOf,
  toggleId,
  updateRowInPages,
  updateRowsInPages,
  type CursorPage,
} from "./list-cache";

interface Row {
  id: string;
  status: string;
}
const idOf = (r: Row) => r.id;
const data = (): InfiniteData<CursorPage<Row>> => ({
  pages: [
    {
      data: [
        { id: "a", status: "New" },
        { id: "b", status: "New" },
      ],
      nextCursor: "c1",
    },
    { data: [{ id: "c", status: "New" }], nextCursor: null },
  ],
  pageParams: [null, "c1"],
});

describe("pageUrl", () => {
  it("puts the view first, then the page size, then the encoded cursor", () => {
    expect(pageUrl("/api/alerts", "severity=High", 50, null)).toBe("/api/alerts?severity=High&limit=50");
    expect(pageUrl("/api/alerts", "", 50, null)).toBe("/api/alerts?limit=50");
    expect(pageUrl("/api/alerts", "", 50, "ab+/=")).toBe("/api/alerts?limit=50&cursor=ab%2B%2F%3D");
  });
});

describe("rowsOf", () => {
  it("flattens the pages in order and copes with no data", () => {
    expect(rowsOf(data()).map(idOf)).toEqual(["a", "b", "c"]);
    expect(rowsOf<CursorPage<Row>>(undefined)).toEqual([]);
  });
});

describe("updateRowsInPages", () => {
  it("changes only the wanted rows and keeps untouched pages by identity", () => {
    const before = data();
    const after = updateRowsInPages(before, ["c"], idOf, (r) => ({ ...r, status: "Resolved" }))!;
    expect(rowsOf(after).map((r) => r.status)).toEqual(["New", "New", "Resolved"]);
    expect(after.pages[0]).toBe(before.pages[0]);
    expect(after.pageParams).toBe(before.pageParams);
    expect(rowsOf(before).map((r) => r.status)).toEqual(["New", "New", "New"]);
  });

  it("returns the same data when no row is loaded, and undefined for no data", () => {
    const before = data();
    expect(updateRowsInPages(before, ["zz"], idOf, (r) => r)).toBe(before);
    expect(updateRowsInPages(before, [], idOf, (r) => r)).toBe(before);
    expect(updateRowsInPages<CursorPage<Row>>(undefined, ["a"], idOf, (r) => r)).toBeUndefined();
  });
});

describe("updateRowInPages", () => {
  it("replaces one row by id", () => {
    const after = updateRowInPages(data(), { id: "b", status: "InProgress" }, idOf)!;
    expect(rowsOf(after)).toEqual([
      { id: "a", status: "New" },
      { id: "b", status: "InProgress" },
      { id: "c", status: "New" },
    ]);
  });
});

describe("removeRowsFromPages", () => {
  it("drops the rows, keeps cursors and pages that lost nothing", () => {
    const before = data();
    const after = removeRowsFromPages(before, ["a", "c"], idOf)!;
    expect(rowsOf(after).map(idOf)).toEqual(["b"]);
    expect(after.pages.map((p) => p.nextCursor)).toEqual(["c1", null]);
    expect(removeRowsFromPages(before, ["zz"], idOf)).toBe(before);
  });
});

describe("pruneSelection", () => {
  it("keeps the same set while every selected row is loaded", () => {
    const selected = new Set(["a", "b"]);
    expect(pruneSelection(selected, ["a", "b", "c"])).toBe(selected);
    const none = new Set<string>();
    expect(pruneSelection(none, [])).toBe(none);
  });

  it("drops selected rows that left the loaded rows, so the count equals what is ticked", () => {
    const pruned = pruneSelection(new Set(["a", "b", "x"]), ["b", "c"]);
    expect([...pruned]).toEqual(["b"]);
    expect(pruneSelection(new Set(["a"]), []).size).toBe(0);
  });
});

describe("toggleId", () => {
  it("adds and removes without touching the input", () => {
    const start = new Set(["a"]);
    expect([...toggleId(start, "b")]).toEqual(["a", "b"]);
    expect([...toggleId(start, "a")]).toEqual([]);
    expect([...start]).toEqual(["a"]);
  });
});
