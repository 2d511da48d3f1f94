"use client";

import { useState } from "react";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import type { SavedViewRow } from "@/lib/views/schemas";
import { cn } from "@/components/ui/cn";

// Saved views of a list page: open one, save the current view under a name (optionally shared), delete your own.
// Presentational: the container owns fetching and navigation.

export interface SavedViewsBarProps {
  views: SavedViewRow[];
  /** The page's canonical query string for what is on screen now. */
  currentQuery: string;
  canSave: boolean;
  /** Whether the caller may share a view with everyone (views:share). */
  canShare: boolean;
  busy: boolean;
  error: string | null;
  onOpen: (view: SavedViewRow) => void;
  onSave: (name: string, shared: boolean) => void;
  onDelete: (view: SavedViewRow) => void;
}

export function SavedViewsBar({
  views,
  currentQuery,
  canSave,
  canShare,
  busy,
  error,
  onOpen,
  onSave,
  onDelete,
}: SavedViewsBarProps) {
  const [saving, setSaving] = useState(false);
  const active =
    views.find((v) => v.query === currentQuery && v.mine) ?? views.find((v) => v.query === currentQuery) ?? null;
  const mine = views.filter((v) => v.mine);
  const shared = views.filter((v) => !v.mine);
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Saved views" role="group">
      <select
        aria-label="Saved view"
        className={inputBase}
        value={active?.id ?? ""}
        onChange={(e) => {
          const view = views.find((v) => v.id === e.target.value);
          if (view) onOpen(view);
        }}
      >
        <option value="">{views.length ? "Saved views…" : "No saved views yet"}</option>
        {mine.length ? (
          <optgroup label="My views">
            {mine.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
                {v.shared ? " (shared)" : ""}
              </option>
            ))}
          </optgroup>
        ) : null}
        {shared.length ? (
          <optgroup label="Shared views">
            {shared.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name} — {v.ownerName}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {active?.canDelete ? (
        <button type="button" className={buttonSecondary} disabled={busy} onClick={() => onDelete(active)}>
          Delete view “{active.name}”
        </button>
      ) : null}
      {canSave && !saving ? (
        <button type="button" className={buttonSecondary} onClick={() => setSaving(true)}>
          Save view…
        </button>
      ) : null}
      {canSave && saving ? (
        <form
          aria-label="Save this view"
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const name = String(form.get("name") ?? "").trim();
            if (name) onSave(name, form.get("shared") === "on");
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") setSaving(false);
          }}
        >
          <label className="sr-only" htmlFor="saved-view-name">
            View name
          </label>
          <input
            id="saved-view-name"
            name="name"
            required
            maxLength={80}
            autoFocus
            placeholder="View name"
            className={cn(inputBase, "w-48")}
            disabled={busy}
          />
          {canShare ? (
            <label className="flex items-center gap-1 text-xs">
              <input type="checkbox" name="shared" disabled={busy} /> Share with everyone
            </label>
          ) : null}
          <button type="submit" className={buttonPrimary} disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
          <button type="button" className={buttonSecondary} onClick={() => setSaving(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </div>
  );
}
