// The assignee picker's words, without zod (client components import this file; ./schemas.ts re-exports it).

export const ASSIGNEE_SOURCES = ["console", "directory", "defender"] as const;
export type AssigneeSource = (typeof ASSIGNEE_SOURCES)[number];

export interface AssigneeSuggestion {
  /** The address Defender is sent (a user principal name). */
  address: string;
  name: string | null;
  /** Where the console knows this person from: signed in here, the directory, Defender's own assignments. */
  sources: AssigneeSource[];
}

/** "ok": asked; "not_permitted": the app lacks User.Read.All (403); "unavailable": Graph did not answer; "skipped": query too short. */
export type DirectoryState = "ok" | "not_permitted" | "unavailable" | "skipped";

export interface AssigneeSuggestions {
  data: AssigneeSuggestion[];
  directory: DirectoryState;
}

/** Whether `address` is one of the people suggested (addresses compare case-insensitively). */
export function isKnownAssignee(address: string, suggestions: readonly AssigneeSuggestion[]): boolean {
  const a = address.trim().toLowerCase();
  return suggestions.some((s) => s.address.toLowerCase() === a);
}
