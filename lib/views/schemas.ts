import { z } from "zod";

// Client-safe: saved views are named URL search strings of a list page, kept per person and optionally shared.

export const SAVED_VIEW_PAGES = ["alerts", "incidents"] as const;
export type SavedViewPage = (typeof SAVED_VIEW_PAGES)[number];

export const SavedViewInput = z
  .object({
    page: z.enum(SAVED_VIEW_PAGES),
    name: z.string().trim().min(1, "give the view a name").max(80),
    // The page's query string as the address bar shows it, without the leading "?".
    query: z.string().max(2000),
    shared: z.boolean().default(false),
  })
  .strict();
export type SavedViewInput = z.infer<typeof SavedViewInput>;

export const SavedViewList = z.object({ page: z.enum(SAVED_VIEW_PAGES) }).strict();

export const SavedViewRef = z.object({ id: z.uuid() });

export interface SavedViewRow {
  id: string;
  page: SavedViewPage;
  name: string;
  query: string;
  shared: boolean;
  ownerName: string;
  mine: boolean;
  /** The caller may delete it: their own, or (Admins) a shared one. */
  canDelete: boolean;
  updatedAt: string;
}
