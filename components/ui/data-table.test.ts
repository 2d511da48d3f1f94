import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableProps } from "./data-table";

// The one table's markup, rendered on the server (no DOM needed): what the e2e specs and screen readers rely on.

interface Row {
  id: string;
  name: string;
  score: number;
}
const rows: Row[] = [
  { id: "r1", name: "beta", score: 2 },
  { id: "r2", name: "alpha", score: 10 },
];
const columns: ColumnDef<Row>[] = [
  { id: "name", header: "Name", accessorFn: (r) => r.name, cell: ({ row }) => row.original.name, enableSorting: true },
  {
    id: "score",
    header: "Score",
    accessorFn: (r) => r.score,
    cell: ({ row }) => row.original.score,
    meta: { numeric: true, cellProps: () => ({ "data-col": "score" }) },
  },
];
const render = (props: Partial<DataTableProps<Row>>) =>
  renderToStaticMarkup(
    createElement(DataTable<Row>, {
      rows,
      columns,
      getRowId: (r: Row) => r.id,
      label: "Things",
      empty: "Nothing here",
      ...props,
    }),
  );
const bodyRowIds = (html: string) => [...html.matchAll(/<tr data-row-id="([^"]+)"/g)].map((m) => m[1]);

describe("DataTable", () => {
  it("renders the rows in the order given (server-sorted) and shows the URL's sort on its header", () => {
    const html = render({ sort: { column: "name", dir: "asc", onSort: () => {} } });
    expect(bodyRowIds(html)).toEqual(["r1", "r2"]);
    expect(html).toMatch(/<th[^>]*aria-sort="ascending"[^>]*><button[^>]*>Name/);
    // Only columns marked enableSorting get a sort button.
    expect(html).not.toMatch(/<button[^>]*>Score/);
    expect(html).toContain('<td data-col="score" class="');
    expect(html).toContain('aria-label="Things"');
  });

  it("keeps the given order until a reader picks a local sort", () => {
    expect(bodyRowIds(render({ sortLocally: true }))).toEqual(["r1", "r2"]);
  });

  it("offers select-all and row checkboxes, ticked from the selection, with aria-selected on rows", () => {
    const selection = {
      selected: new Set(["r2"]),
      onChange: () => {},
      allLabel: "Select all shown things",
      rowLabel: (r: Row) => `Select ${r.name}`,
    };
    const html = render({ selection });
    expect(html).toMatch(/<input type="checkbox" aria-label="Select all shown things"\/>/);
    expect(html).toMatch(/aria-selected="false"[^]*aria-label="Select beta"\/>/);
    expect(html).toMatch(/aria-selected="true"[^]*aria-label="Select alpha" checked=""/);
    const all = render({ selection: { ...selection, selected: new Set(["r1", "r2"]) } });
    expect(all).toMatch(/aria-label="Select all shown things" checked=""/);
  });

  it("says what an empty table means in one row across every column", () => {
    const html = render({
      rows: [],
      empty: "No things match these filters.",
      selection: { selected: new Set(), onChange: () => {}, allLabel: "all", rowLabel: () => "one" },
    });
    expect(html).toContain('<td colSpan="3"');
    expect(html).toContain("No things match these filters.");
    expect(html).not.toMatch(/aria-label="all" checked/);
  });

  it("hides columns by id", () => {
    const html = render({ initialColumnVisibility: { score: false } });
    expect(html).toContain(">Name<");
    expect(html).not.toContain(">Score<");
    expect(html).not.toContain('data-col="score"');
  });

  it("renders every row up to the threshold and only a window of rows past it", () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, name: `n${i}`, score: i }));
    expect(bodyRowIds(render({ rows: many.slice(0, 200) }))).toHaveLength(200);
    const html = render({ rows: many });
    expect(bodyRowIds(html).length).toBeLessThan(300);
    expect(html).toContain('aria-rowcount="301"');
  });

  it("renders groups as header rows with a toggle and count, and only an expanded group's rows", () => {
    const toggle = () => {};
    const html = render({
      groups: [
        { key: "g1", label: "Group one", count: 2, expanded: true, onToggle: toggle, rows, footer: "1 more" },
        { key: "g2", label: "Group two", count: 5, expanded: false, onToggle: toggle, rows: [] },
      ],
    });
    expect(html).toMatch(/<tr data-group-key="g1"[^]*aria-expanded="true"[^]*Group one[^]*>2</);
    expect(html).toMatch(/<tr data-group-key="g2"[^]*aria-expanded="false"[^]*Group two[^]*>5</);
    expect(bodyRowIds(html)).toEqual(["r1", "r2"]);
    expect(html.indexOf('data-row-id="r2"')).toBeLessThan(html.indexOf('data-group-key="g2"'));
    expect(html).toContain("1 more");
    expect(html).not.toContain("Nothing here");
  });

  it("takes the hidden columns from the caller when it holds them", () => {
    const html = render({ columnVisibility: { value: { name: false }, onChange: () => {} } });
    expect(html).not.toContain(">Name<");
    expect(html).toContain(">Score<");
  });
});
