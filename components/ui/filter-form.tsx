import Link from "next/link";
import type { ReactNode } from "react";
import { buttonSecondary } from "./button-styles";

/** A filter bar's way back to its unfiltered list; nothing while no filter is set. */
export function ClearFiltersLink({ href, filtered }: { href: string; filtered: boolean }) {
  return filtered ? (
    <Link href={href} className="text-sm text-blue-700 underline dark:text-blue-300">
      Clear filters
    </Link>
  ) : null;
}

/** The polite "Loading…" a filter bar shows while the view it pushed is on its way. */
export function NavigatingStatus({ navigating }: { navigating: boolean }) {
  return navigating ? (
    <span role="status" className="text-xs text-slate-500">
      Loading…
    </span>
  ) : null;
}

/** One labelled field of a FilterForm: the label text above its input or select. */
export function FilterField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium">
      {label}
      {children}
    </label>
  );
}

/** A row of checkboxes that all submit under one name (several values of one filter). */
export function CheckboxGroup({
  legend,
  name,
  options,
  checked,
  format,
}: {
  legend: string;
  name: string;
  options: readonly string[];
  checked: readonly string[];
  /** The words shown for a value (the form still submits the value). */
  format?: (value: string) => string;
}) {
  return (
    <fieldset className="flex flex-col gap-1 text-xs font-medium">
      <legend>{legend}</legend>
      <div className="flex gap-2">
        {options.map((o) => (
          <label key={o} className="flex items-center gap-1 font-normal">
            <input type="checkbox" name={name} value={o} defaultChecked={checked.includes(o)} />{" "}
            {format ? format(o) : o}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A list's apply-on-submit filter form (role "search"): the fields, then Apply, Clear filters and the loading status.
 * Give it `key={search}` so its uncontrolled fields show the view again after navigation.
 */
export function FilterForm({
  label,
  onApply,
  clearHref,
  filtered,
  navigating,
  children,
}: {
  label: string;
  onApply: (form: FormData) => void;
  clearHref: string;
  filtered: boolean;
  navigating: boolean;
  children: ReactNode;
}) {
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      role="search"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(new FormData(e.currentTarget));
      }}
    >
      {children}
      <button type="submit" className={buttonSecondary}>
        Apply
      </button>
      <ClearFiltersLink href={clearHref} filtered={filtered} />
      <NavigatingStatus navigating={navigating} />
    </form>
  );
}
