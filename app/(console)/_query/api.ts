// Client-side calls to the console's own API. Errors arrive in one envelope and become ApiError, whose message
// is written for people.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function apiFetch<T>(
  path: string,
  init: RequestInit & { json?: unknown; idempotencyKey?: string } = {},
): Promise<T> {
  const { json, idempotencyKey, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: {
      Accept: "application/json",
      ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
      // The server answers a repeat of this key with the first answer (route(): Idempotency-Key).
      ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
      ...rest.headers,
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
    credentials: "same-origin",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string; requestId?: string; issues?: { path: string; message: string }[] };
    } | null;
    const retry = res.headers.get("retry-after");
    const message = body?.error?.message ?? `Request failed (${res.status})`;
    throw new ApiError(
      res.status,
      body?.error?.code ?? "http_error",
      retry ? `${message} Retry in ${retry}s.` : message,
      body?.error?.requestId,
      body?.error?.issues,
    );
  }
  return (await res.json()) as T;
}
