// Why a send failed, and whether trying again could help: a refused target or a 4xx answer will not change by
// itself (failed at once), a timeout, a dropped connection, 408, 429 or a 5xx may (retried with backoff).

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}
