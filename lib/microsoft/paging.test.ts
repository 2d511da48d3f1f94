import { z } from "zod";
import { describe, expect, it } from "vitest";
import { PagingError } from "./errors";
import { paginate, type Page, type PaginateOptions, type RawPage } from "./paging";

// Paging decisions against an in-memory collection served with configurable (mis)behaviour.

const Item = z.looseObject({ id: z.string(), n: z.number() });
type Item = z.infer<typeof Item>;
const BASE = "https://mde.test";

function collection(size: number) {
  return Array.from({ length: size }, (_, i) => ({ id: `r${i}`, n: i }));
}

type Mode = "nextLink" | "noNextLink" | "loop" | "skipBackwards" | "opaqueLoop" | "opaqueLoopIgnoringSkip";

function server(rows: unknown[], mode: Mode) {
  const requested: string[] = [];
  const fetchPage = async (url: URL): Promise<RawPage> => {
    requested.push(`${url.pathname}${url.search}`);
    const top = Number(url.searchParams.get("$top"));
    const token = url.searchParams.get("$skiptoken");
    let skip = token !== null ? Number(token) : Number(url.searchParams.get("$skip") ?? 0);
    if (mode === "opaqueLoopIgnoringSkip" && token === null) skip = 0;
    const value = rows.slice(skip, skip + top);
    const end = skip + value.length;
    if (end >= rows.length || mode === "noNextLink") return { value, nextLink: null };
    const back = Math.max(0, skip - top);
    switch (mode) {
      case "loop":
        return { value, nextLink: `${BASE}/api/x?$top=${top}&$skip=${skip > 0 ? back : end}` };
      case "skipBackwards":
        return { value, nextLink: `${BASE}/api/x?$skip=${skip > 0 ? 1 : end}&$top=${top}` };
      case "opaqueLoop":
      case "opaqueLoopIgnoringSkip":
        return { value, nextLink: `${BASE}/api/x?$top=${top}&$skiptoken=${skip > 0 ? back : end}` };
      default:
        return { value, nextLink: `${BASE}/api/x?$top=${top}&$skip=${end}` };
    }
  };
  return { fetchPage, requested };
}

async function collect(opts: Partial<PaginateOptions<Item>> & { fetchPage: PaginateOptions<Item>["fetchPage"] }) {
  const pages: Page<Item>[] = [];
  for await (const p of paginate<Item>({
    provider: "defender",
    label: "/api/x",
    firstUrl: new URL(`${BASE}/api/x?$filter=a`),
    pageSize: 10,
    itemSchema: Item,
    rebase: (l) => new URL(l),
    offsetPaging: "trusted",
    ...opts,
  }))
    pages.push(p);
  return { pages, items: pages.flatMap((p) => p.items), skipped: pages.flatMap((p) => p.skipped) };
}

const ids = (items: Item[]) => items.map((i) => i.id);
const all = (n: number) => collection(n).map((r) => r.id);

describe("paginate", () => {
  it("follows nextLink to the end; its absence ends the list once nextLinks were seen", async () => {
    const s = server(collection(30), "nextLink");
    const r = await collect({ fetchPage: s.fetchPage });
    expect(ids(r.items)).toEqual(all(30));
    expect(s.requested).toHaveLength(3);
  });

  it("pages with $skip when full pages come without nextLink (MDE behaviour its docs do not confirm)", async () => {
    const s = server(collection(25), "noNextLink");
    const r = await collect({ fetchPage: s.fetchPage });
    expect(ids(r.items)).toEqual(all(25));
    expect(s.requested).toEqual([
      "/api/x?$filter=a&$top=10",
      "/api/x?$filter=a&$top=10&$skip=10",
      "/api/x?$filter=a&$top=10&$skip=20",
    ]);
  });

  it("recovers from a nextLink loop with its own $top/$skip (MDE)", async () => {
    const s = server(collection(45), "loop");
    const r = await collect({ fetchPage: s.fetchPage });
    expect(ids(r.items)).toEqual(all(45));
    expect(s.requested.length).toBe(5);
  });

  it("does not follow a nextLink whose $skip disagrees with what was received", async () => {
    const s = server(collection(35), "skipBackwards");
    const r = await collect({ fetchPage: s.fetchPage });
    expect(ids(r.items)).toEqual(all(35));
  });

  it("Graph: detects a loop through an opaque $skiptoken and recovers with a verified $skip", async () => {
    const s = server(collection(35), "opaqueLoop");
    const r = await collect({ fetchPage: s.fetchPage, offsetPaging: "verified" });
    expect(ids(r.items)).toEqual(all(35));
  });

  it("Graph: throws PagingError when $skip is not honoured, never a partial list", async () => {
    const s = server(collection(35), "opaqueLoopIgnoringSkip");
    await expect(collect({ fetchPage: s.fetchPage, offsetPaging: "verified" })).rejects.toBeInstanceOf(PagingError);
  });

  it("stops at the page cap with PagingError", async () => {
    const s = server(collection(100), "nextLink");
    await expect(collect({ fetchPage: s.fetchPage, maxPages: 3 })).rejects.toThrow(/cap of 3 pages/);
  });

  it("skips invalid records with their id and first issue, keeps the rest", async () => {
    const rows: unknown[] = collection(12);
    rows[3] = { id: "r3", n: "three" };
    rows[7] = { n: 7 };
    rows[11] = { id: 99, n: 11 };
    const s = server(rows, "nextLink");
    const r = await collect({ fetchPage: s.fetchPage });
    expect(r.items).toHaveLength(9);
    expect(r.skipped).toEqual([
      { id: "r3", reason: expect.stringMatching(/^n: /) },
      { id: null, reason: expect.stringMatching(/^id: /) },
      { id: "99", reason: expect.stringMatching(/^id: /) },
    ]);
  });
});
