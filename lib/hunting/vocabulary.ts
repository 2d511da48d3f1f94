// Client-safe and zod-free: the words and figures of the hunting page, for browser code (lib/hunting/schemas holds the
// zod inputs and DTO types; a value imported from there would bundle zod into the page).

/** The time ranges the page offers, as ISO 8601 durations Graph's runHuntingQuery takes for `Timespan`. */
export const HUNTING_TIMESPANS = ["PT1H", "P1D", "P7D", "P30D"] as const;
export type HuntingTimespan = (typeof HUNTING_TIMESPANS)[number];
export const DEFAULT_TIMESPAN: HuntingTimespan = "P7D";

/** Graph allows at least 45 calls a minute per tenant ("Use the advanced hunting API", Graph security API overview). */
export const HUNTING_CALLS_PER_MINUTE = 45;

/** Longest query the console sends (the route refuses longer ones before calling Graph). */
export const HUNTING_QUERY_MAX = 30_000;

/** How a run ended: rows came back, Kusto refused the query, a quota was spent, or Graph or the network failed. */
export const HUNTING_OUTCOMES = ["ok", "invalid", "throttled", "failed"] as const;
export type HuntingOutcome = (typeof HUNTING_OUTCOMES)[number];

/** "" (the root) or slash-separated folder names. */
export function folderPath(folder: string): string[] {
  return folder
    .split("/")
    .map((part) => part.trim())
    .filter(Boolean);
}
