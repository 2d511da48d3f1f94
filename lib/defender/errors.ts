import { Conflict, UpstreamError } from "../http/errors";
import { describeProviderError, ProviderError, ProviderRefused, retryAfterSeconds } from "../microsoft";

/**
 * A machine action of this kind is already pending on the device. MDE answers HTTP 400 "Action is already in
 * progress" ("Isolate machine API", learn.microsoft.com/defender-endpoint/api/isolate-machine); clients see the
 * code `ActiveRequestAlreadyExists`, which Microsoft does not document, so the message is matched too.
 */
export function isAlreadyInProgress(err: unknown): err is ProviderError {
  return (
    err instanceof ProviderError &&
    err.status === 400 &&
    (err.code === "ActiveRequestAlreadyExists" || /already in progress/i.test(err.message))
  );
}

/**
 * Defender refuses live response on a device whose device group has no automation level: `DisallowedOperation`
 * "This device has no automation level assigned to it…" ("Run live response commands on a device"; the 403 status
 * is the common-errors table's). Not a permission problem of the console's app.
 */
export function isNoAutomationLevel(err: unknown): err is ProviderError {
  return err instanceof ProviderError && err.code === "DisallowedOperation";
}

/** Throttled: too many calls (429 with Retry-After) or, for live response, 25 sessions already running. */
export function isThrottled(err: unknown): err is ProviderError {
  return err instanceof ProviderError && err.status === 429;
}

/**
 * The tenant holds 15,000 active indicators ("Overview of indicators": increases are not supported). Defender's
 * exact answer is not documented, so any 400 naming the 15,000 limit counts.
 */
export function isIndicatorCapReached(err: unknown): err is ProviderError {
  return err instanceof ProviderError && err.status === 400 && /15,?000/.test(err.message);
}

/** Same test for one row of an indicator import. */
export function isIndicatorCapReason(reason: string | null): boolean {
  return reason !== null && /15,?000/.test(reason);
}

/**
 * What a person reads when a live response request is refused, for the refusals the docs name: another session on
 * the device, a device group without an automation level, throttling (10 calls a minute, 25 sessions). Anything else
 * goes through describeProviderError.
 */
export function describeLiveResponseRefusal(err: unknown, device: string): Error {
  if (isAlreadyInProgress(err))
    return new Conflict(
      `Another live response session is already running on ${device}; a device takes one session at a time. Wait for it to finish or cancel it.`,
    );
  if (isNoAutomationLevel(err))
    return new ProviderRefused(
      `Defender refuses live response on ${device}: its device group has no automation level. An administrator must assign one to the group in the Defender portal (Settings → Endpoints → Device groups). Nothing was sent.`,
    );
  if (isThrottled(err)) {
    const seconds = retryAfterSeconds(err);
    const why = /sessions/i.test(err.message)
      ? "25 live response sessions are already running in the tenant"
      : "live response allows 10 requests a minute";
    return new UpstreamError(
      `Defender is throttling: ${why}. Try again in ${seconds} s. Nothing was sent.`,
      429,
      seconds,
    );
  }
  return describeProviderError(err, {
    what: device,
    act: "live response request",
    permission: "Machine.LiveResponse",
    nothingDone: "Nothing was sent.",
    sentOnce: true,
  });
}
