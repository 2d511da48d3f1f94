// "Hunt for this": a link that opens /hunting with a prefilled query (`?q=` carries the query as base64url UTF-8).

/** `/hunting?q=<base64url of the query>`, built in the browser (no Buffer). */
export function huntHref(query: string): string {
  const bytes = new TextEncoder().encode(query);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  const b64url = btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  return `/hunting?q=${b64url}`;
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
