"use client";

import { buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { GroupSelect } from "@/components/tvm/group-select";
import { recommendationSearch, REMEDIATION_TYPES, type RecommendationView } from "@/lib/tvm/schemas";
import { label as labelOf } from "@/lib/labels";

const SORT_LABELS: Record<RecommendationView["sort"], string> = {
  exposure: "Exposure impact",
  secure: "Secure score impact",
  severity: "Severity",
  exposed: "Exposed devices",
};

/** The recommendation list's filter bar: every change goes to the URL through `go`. */
export function RecommendationFilters({
  view,
  groups,
  go,
  pending,
}: {
  view: RecommendationView;
  groups: string[];
  go: (next: Partial<RecommendationView>) => void;
  pending: boolean;
}) {
  return (
    <form
      className="mb-3 flex flex-wrap items-center gap-3"
      aria-busy={pending}
      onSubmit={(e) => {
        e.preventDefault();
        go({ q: String(new FormData(e.currentTarget).get("q") ?? "").trim() || undefined });
      }}
    >
      <GroupSelect
        groups={groups}
        value={view.group}
        base="/tvm/recommendations"
        search={recommendationSearch(view).toString()}
      />
      <label className="inline-flex items-center gap-2 text-sm">
        <span className="font-medium">Remediation</span>
        <select
          className={inputBase}
          value={view.type ?? ""}
          onChange={(e) => go({ type: (e.target.value || undefined) as RecommendationView["type"] })}
        >
          <option value="">Any</option>
          {REMEDIATION_TYPES.map((t) => (
            <option key={t} value={t}>
              {labelOf("remediationType", t)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-flex items-center gap-2 text-sm">
        <span className="font-medium">Sort by</span>
        <select
          className={inputBase}
          value={view.sort}
          onChange={(e) => go({ sort: e.target.value as RecommendationView["sort"] })}
        >
          {Object.entries(SORT_LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-flex items-center gap-2 text-sm">
        <span className="sr-only">Search recommendations</span>
        <input
          key={view.q ?? ""}
          name="q"
          type="search"
          defaultValue={view.q ?? ""}
          placeholder="Name or product"
          className={inputBase}
        />
      </label>
      <button type="submit" className={buttonSecondary}>
        Search
      </button>
    </form>
  );
}
