// Errors the domain layer throws; the route wrapper maps each to a status and the one error envelope
// { error: { code, message, requestId, issues? } }.

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { issues?: FieldIssue[]; retryAfterSeconds?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends AppError {
  constructor(message: string, issues?: FieldIssue[]) {
    super(400, "bad_request", message, { issues });
  }
}
export class Unauthorized extends AppError {
  constructor(message = "Sign in or send a valid API token.") {
    super(401, "unauthorized", message);
  }
}
export class Forbidden extends AppError {
  constructor(message = "Your role does not allow this.") {
    super(403, "forbidden", message);
  }
}
export class NotFound extends AppError {
  constructor(message = "Not found.") {
    super(404, "not_found", message);
  }
}
export class Conflict extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(409, "conflict", message, { details });
  }
}
export class RateLimited extends AppError {
  constructor(retryAfterSeconds: number, message = "Too many requests: slow down and retry later.") {
    super(429, "rate_limited", message, { retryAfterSeconds });
  }
}
/** The console is not set up for this yet (no tenant configured): nothing the caller can change. */
export class NotConfigured extends AppError {
  constructor(message: string) {
    super(503, "not_configured", message);
  }
}
/** Defender or Graph refused or failed; message says what the user should know. */
export class UpstreamError extends AppError {
  constructor(
    message: string,
    readonly upstreamStatus?: number,
    retryAfterSeconds?: number,
  ) {
    super(retryAfterSeconds !== undefined ? 503 : 502, "upstream_error", message, { retryAfterSeconds });
  }
}
