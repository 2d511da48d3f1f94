"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { inputBase } from "@/components/ui/button-styles";
import { NavigatingStatus } from "@/components/ui/filter-form";

/**
 * The device-group filter shared by the TVM pages. The group lives in the URL (a shareable view): choosing one
 * navigates to `base` with the other parameters kept; the page re-renders on the server with that group's figures.
 */
export function GroupSelect({
  groups,
  value,
  base,
  search,
}: {
  groups: string[];
  value: string;
  base: string;
  search: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="inline-flex items-center gap-2 text-sm">
      <span className="font-medium">Device group</span>
      <select
        className={inputBase}
        aria-label="Device group"
        value={value}
        aria-busy={pending}
        onChange={(e) => {
          const q = new URLSearchParams(search);
          q.delete("cursor");
          if (e.target.value) q.set("group", e.target.value);
          else q.delete("group");
          startTransition(() => router.push(`${base}${q.size ? `?${q}` : ""}`));
        }}
      >
        <option value="">All device groups</option>
        {groups.map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </select>
      <NavigatingStatus navigating={pending} />
    </label>
  );
}
