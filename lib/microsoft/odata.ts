// OData literals as MDE expects them (learn.microsoft.com/defender-endpoint/api/exposed-apis-odata-samples):
// datetimes unquoted, strings single-quoted with '' escapes.

export function odataDateTime(d: Date): string {
  return d.toISOString();
}

export function odataString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Query string with `$` kept literal (as in every Microsoft sample) and values percent-encoded. */
export function buildQuery(query: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    parts.push(`${encodeURIComponent(k).replace(/^%24/, "$")}=${encodeURIComponent(String(v))}`);
  }
  return parts.join("&");
}
