"use client";

import type { SavedViewRow } from "@/lib/views/schemas";
import { ListSavedViews } from "../../_components/list-saved-views";

// The alert queue's saved views (the one saved-views container, for /alerts).
export function AlertSavedViews(props: {
  initialViews: SavedViewRow[];
  currentQuery: string;
  canSave: boolean;
  canShare: boolean;
}) {
  return <ListSavedViews page="alerts" path="/alerts" {...props} />;
}
