import type { Ref } from "react";
import { inputBase } from "./button-styles";
import { cn } from "./cn";

/**
 * A list's free-text search: submits on Enter and hands back the trimmed text, or undefined when it is empty so the
 * parameter leaves the URL. The label is visually hidden but names the searchbox for screen readers (and tests).
 */
export function SearchBox({
  id,
  label,
  placeholder,
  defaultValue,
  width,
  onSearch,
  inputRef,
}: {
  id: string;
  label: string;
  placeholder: string;
  defaultValue: string;
  width: string;
  onSearch: (q: string | undefined) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(String(new FormData(e.currentTarget).get("q") ?? "").trim() || undefined);
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
      />
    </form>
  );
}
