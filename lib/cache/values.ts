// Values as the bulk upsert passes them through JSON.

/** ISO string (UTC) or null. */
export const iso = (value: string | null | undefined): string | null => (value ? new Date(value).toISOString() : null);
