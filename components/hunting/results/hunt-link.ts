// "Hunt for this": a link that opens /hunting with a prefilled query (`?q=` carries the query as base64url UTF-8).
import { encodeHuntQuery } from "@/lib/hunting/vocabulary";

/** `/hunting?q=<base64url of the query>`. */
export function huntHref(query: string): string {
  return `/hunting?q=${encodeHuntQuery(query)}`;
}

/** A KQL string literal holding `value` exactly (backslash escapes; Kusto's "String literals" rules). */
export function kqlString(value: string): string {
  const escaped = value
    .replaceAll("\\", "\\\\")
    .replaceAll('"', '\\"')
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r")
    .replaceAll("\t", "\\t");
  return `"${escaped}"`;
}
