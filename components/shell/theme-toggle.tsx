"use client";

import { useEffect, useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY } from "./theme-script";

type ThemeChoice = "system" | "light" | "dark";
const ORDER: ThemeChoice[] = ["system", "light", "dark"];
const LABEL: Record<ThemeChoice, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };
const ICON: Record<ThemeChoice, string> = { system: "◐", light: "☀", dark: "☾" };
const CHANGE_EVENT = "soc-theme-change";

function apply(choice: ThemeChoice) {
  const dark = choice === "dark" || (choice === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.dataset.theme = choice;
}

// The boot script (theme-script.tsx) records the choice on <html data-theme>; that attribute is the store.
function readChoice(): ThemeChoice {
  const value = document.documentElement.dataset.theme as ThemeChoice | undefined;
  return value && ORDER.includes(value) ? value : "system";
}
function subscribe(onChange: () => void) {
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}

export function ThemeToggle() {
  const choice = useSyncExternalStore(subscribe, readChoice, () => "system" as ThemeChoice);

  // Follow the operating system live while the choice is "system".
  useEffect(() => {
    if (choice !== "system") return;
    const media = matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => apply("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [choice]);

  const next = ORDER[(ORDER.indexOf(choice) + 1) % ORDER.length];
  return (
    <button
      type="button"
      onClick={() => {
        localStorage.setItem(THEME_STORAGE_KEY, next);
        apply(next);
        window.dispatchEvent(new Event(CHANGE_EVENT));
      }}
      className="inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 px-2.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
      aria-label={`${LABEL[choice]} (switch to ${LABEL[next].toLowerCase()})`}
      title={`Switch to ${LABEL[next].toLowerCase()}`}
    >
      <span aria-hidden="true">{ICON[choice]}</span>
      <span className="hidden sm:inline">{LABEL[choice].replace(" theme", "")}</span>
    </button>
  );
}
