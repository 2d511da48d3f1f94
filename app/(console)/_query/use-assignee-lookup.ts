"use client";

import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AssigneeLookup } from "@/components/triage/assignee-picker";
import type { AssigneeSuggestions } from "@/lib/assignees/vocabulary";
import { apiFetch } from "./api";

/** How long typing must pause before the console is asked (one look-up per word, not per key). */
const DEBOUNCE_MS = 250;

// The assignee picker's look-up: GET /api/assignees for what is typed, debounced and cached per query.
export function useAssigneeLookup(): AssigneeLookup {
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const answer = useQuery({
    queryKey: ["assignees", query],
    queryFn: () => apiFetch<AssigneeSuggestions>(`/api/assignees?q=${encodeURIComponent(query)}`),
    enabled: query.length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  return {
    suggestions: answer.data?.data ?? [],
    // A failed look-up is not "checking" forever: the address then needs the confirmation like an unknown one.
    checking: typed !== query || (answer.isFetching && answer.isPlaceholderData),
    directory: answer.data?.directory ?? null,
    onQuery: setTyped,
  };
}
