import type { z } from "zod";
import { AlertView, viewToSearch } from "../alerts/schemas";
import { IncidentView, incidentViewToSearch } from "../incidents/schemas";
import { BadRequest } from "../http/errors";
import type { SavedViewPage } from "./schemas";

/**
 * A saved view must open the same way for everyone it is shared with, so its query is parsed by the page's own
 * view schema and stored in the page's canonical form; a query the page would refuse is refused here, naming it.
 */
export function normaliseViewQuery(page: SavedViewPage, query: string): string {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    raw[key] = values.length === 1 ? values[0] : values;
  }
  switch (page) {
    case "alerts":
      return viewToSearch(parseView(AlertView.strict(), raw, "alert queue")).toString();
    case "incidents":
      return incidentViewToSearch(parseView(IncidentView.strict(), raw, "incident list")).toString();
  }
}

function parseView<T>(schema: z.ZodType<T>, raw: Record<string, string | string[]>, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new BadRequest(
      `The view's query is not a valid ${what} view.`,
      parsed.error.issues.map((i) => ({ path: `query.${i.path.join(".")}`, message: i.message })),
    );
  }
  return parsed.data;
}
