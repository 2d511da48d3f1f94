"use client";

import { useEffect, useRef } from "react";
import { takeEarlyKeys } from "./early-keys";

// The alert queue's keyboard map: j/k move, x select, a assign to me, s status, / search, ? help, Enter open.
// Keys are ignored while typing, with a modifier, or while a dialog is open.

export interface QueueKeyboard {
  /** Row ids in the order shown. */
  rowIds: readonly string[];
  focusedId: string | null;
  onFocus: (id: string) => void;
  /** x, a and s work only for people who may triage. */
  canTriage: boolean;
  onToggle: (id: string) => void;
  onAssignToMe: () => void;
  onStatus: () => void;
  onSearch: () => void;
  onHelp: () => void;
  onOpen: (id: string) => void;
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** The focused row after a j/k press (clamped to the list), or null when the list is empty. */
export function moveFocus(rowIds: readonly string[], focusedId: string | null, key: "j" | "k"): string | null {
  if (rowIds.length === 0) return null;
  const index = focusedId === null ? -1 : rowIds.indexOf(focusedId);
  const to = key === "j" ? index + 1 : index < 0 ? 0 : index - 1;
  return rowIds[Math.max(0, Math.min(rowIds.length - 1, to))];
}

export function useQueueKeyboard(keyboard: QueueKeyboard): void {
  // One listener for the page's life; it reads the latest rows and callbacks through a ref.
  const latest = useRef(keyboard);
  // The row a j/k press moved to before React re-rendered with it: a second press in that gap (a replayed early
  // key followed by a live one, or a fast typist) moves on from there instead of from the stale focus.
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    latest.current = keyboard;
    pendingFocus.current = null;
  });
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector("dialog[open]")) return;
      const k = latest.current;
      switch (e.key) {
        case "j":
        case "k": {
          const next = moveFocus(k.rowIds, pendingFocus.current ?? k.focusedId, e.key);
          if (next) {
            pendingFocus.current = next;
            k.onFocus(next);
          }
          break;
        }
        case "x":
          if (k.focusedId && k.canTriage) k.onToggle(k.focusedId);
          break;
        case "a":
          if (k.canTriage) k.onAssignToMe();
          break;
        case "s":
          if (k.canTriage) k.onStatus();
          break;
        case "/":
          k.onSearch();
          break;
        case "?":
          k.onHelp();
          break;
        case "Enter":
          if (k.focusedId) k.onOpen(k.focusedId);
          else return;
          break;
        default:
          return;
      }
      e.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    // j/k pressed before hydration (kept by EarlyKeysScript): replay them from the current focus.
    const early = takeEarlyKeys();
    if (early.length > 0) {
      const k = latest.current;
      const focused = early.reduce<string | null>((at, key) => moveFocus(k.rowIds, at, key), k.focusedId);
      if (focused) {
        pendingFocus.current = focused;
        k.onFocus(focused);
      }
    }
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
