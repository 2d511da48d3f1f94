"use client";

import { useMemo, useSyncExternalStore } from "react";
import type { VisibilityState } from "@tanstack/react-table";

// A list's column choice, kept per person in this browser's localStorage: it is a preference of the reader, not
// part of the view, so a shared URL opens with the recipient's own columns. The server renders the defaults; the
// stored choice applies right after hydration (useSyncExternalStore's server snapshot), without a mismatch.

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the defaults
  }
}

/** Parses a stored choice: only `{ column: boolean }` entries count; anything else is the defaults. */
export function parseStoredColumns(raw: string | null, defaults: VisibilityState): VisibilityState {
  if (!raw) return defaults;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object" || Array.isArray(value)) return defaults;
    const entries = Object.entries(value).filter((e): e is [string, boolean] => typeof e[1] === "boolean");
    return { ...defaults, ...Object.fromEntries(entries) };
  } catch {
    return defaults;
  }
}

export function useStoredColumns(
  storageKey: string,
  defaults: VisibilityState,
): [VisibilityState, (next: VisibilityState) => void] {
  const raw = useSyncExternalStore(
    subscribe,
    () => read(storageKey),
    () => null,
  );
  const visibility = useMemo(() => parseStoredColumns(raw, defaults), [raw, defaults]);
  const save = (next: VisibilityState) => {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // storage disabled or full: the defaults stay
    }
    for (const listener of listeners) listener();
  };
  return [visibility, save];
}
