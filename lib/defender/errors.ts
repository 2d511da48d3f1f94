// One error shape for every Microsoft API the console calls (docs/conventions.md). Callers branch on `status` and `code`,
// never on message text — except for the duplicate-action case, whose code Microsoft does not document.

export type Provider = "defender" | "xdr" | "graph";

export interface ProviderErrorInit {
  provider: Provider;
  status: number;
  code: string;
  message: string;
  retryAfterMs?: number | null;
  msRequestId?: string | null;
  target?: string | null;
}

/**
 * A call to Defender, Defender XDR or Graph failed after any retries. `status` is the HTTP status, or 0 when no
 * response arrived (timeout, dropped connection): then `code` is "Timeout" or "ConnectionError".
 */
export class ProviderError extends Error {
  readonly provider: Provider;
  readonly status: number;
  readonly code: string;
  /** How long the service asked us to wait (429/503 Retry-After), when it said so. */
  readonly retryAfterMs: number | null;
  /** Microsoft's request id (Graph `request-id`, or `x-ms-request-id`), for support tickets. */
  readonly msRequestId: string | null;
  /** MDE's `error.target` correlation id (learn.microsoft.com/defender-endpoint/api/common-errors). */
  readonly target: string | null;

  constructor(init: ProviderErrorInit) {
    super(init.message);
    this.name = "ProviderError";
    this.provider = init.provider;
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.msRequestId = init.msRequestId ?? null;
    this.target = init.target ?? null;
  }
}

/** The listing could not be completed safely (page cap, a nextLink loop that cannot be recovered). */
export class PagingError extends Error {
  constructor(
    readonly provider: Provider,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "PagingError";
  }
}

/**
 * A machine action of this kind is already pending on the device. MDE answers HTTP 400 "Action is already in
 * progress"; clients see the code `ActiveRequestAlreadyExists` (only third-party clients name the code;
 * Microsoft documents the message, so the message is matched too).
 */
export function isAlreadyInProgress(err: unknown): err is ProviderError {
  return (
    err instanceof ProviderError &&
    err.status === 400 &&
    (err.code === "ActiveRequestAlreadyExists" || /already in progress/i.test(err.message))
  );
}
