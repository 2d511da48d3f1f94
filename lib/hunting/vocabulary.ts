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

/** A query as the `q` parameter of /hunting: UTF-8, base64url without padding (RFC 4648 §5). */
export function encodeHuntQuery(query: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(query)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The query in a `q` parameter, or null when it is not base64url of UTF-8 text. */
export function decodeHuntQuery(param: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(param) || param.length > HUNTING_QUERY_MAX * 2) return null;
  try {
    const binary = atob(param.replaceAll("-", "+").replaceAll("_", "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
