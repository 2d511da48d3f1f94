"use client";

import { useEffect, useRef, type Ref } from "react";
import { inputBase } from "./button-styles";
import { cn } from "./cn";

/** How long typing must pause before a search-as-you-type box searches: one request per word, not per key. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * A list's free-text search: submits on Enter and hands back the trimmed text, or undefined when it is empty so the
 * parameter leaves the URL. With `searchAsYouType` it also searches once typing pauses (SEARCH_DEBOUNCE_MS). The
 * label is visually hidden but names the searchbox for screen readers (and tests).
 */
export function SearchBox({
  id,
  label,
  placeholder,
  defaultValue,
  width,
  onSearch,
  searchAsYouType = false,
  inputRef,
}: {
  id: string;
  label: string;
  placeholder: string;
  defaultValue: string;
  width: string;
  onSearch: (q: string | undefined) => void;
  searchAsYouType?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The text last searched for: a pause that leaves the text as it was searched (a space typed) does not search again.
  const searched = useRef(defaultValue.trim());
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (raw: string) => {
    clearTimeout(timer.current);
    const q = raw.trim();
    searched.current = q;
    onSearch(q || undefined);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        search(String(new FormData(e.currentTarget).get("q") ?? ""));
      }}
    >
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
        className={cn(inputBase, width)}
        onChange={
          searchAsYouType
            ? (e) => {
                const value = e.currentTarget.value;
                clearTimeout(timer.current);
                timer.current = setTimeout(() => {
                  if (value.trim() !== searched.current) search(value);
                }, SEARCH_DEBOUNCE_MS);
              }
            : undefined
        }
      />
    </form>
  );
}
