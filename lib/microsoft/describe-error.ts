import { AppError, NotFound, UpstreamError } from "../http/errors";
import { ProviderError, type Provider } from "./errors";

// What a person sees when Microsoft says no: one wording for every call the console makes, so a throttled triage,
// a refused isolation and a failed status read read alike. Each message says what happened to the person's intent
// (nothing changed, nothing sent, or "may have been created" when no answer came to a call that is never repeated),
// and quotes Microsoft's own words.

export interface ProviderErrorContext {
  /** The thing acted on, as a person names it: "alert da123", "WS-0042", "3 alerts". */
  what: string;
  /** The act, as a noun: "update", "isolation request", "status read". */
  act: string;
  /** The application permission the console's app registration needs for this act. */
  permission?: string;
  /**
   * What to say Microsoft did not do when it refused: "Nothing was changed." for updates, "Nothing was sent." for
   * requests that are never repeated. Reads leave it out.
   */
  nothingDone?: string;
  /** The call is never repeated (a response action): a missing answer may still mean it was carried out. */
  sentOnce?: boolean;
}

const SERVICE: Record<Provider, string> = { defender: "Defender", xdr: "Defender", graph: "Microsoft Graph" };

/** Seconds to wait before trying again, from Retry-After (one minute when the service did not say). */
export function retryAfterSeconds(err: ProviderError): number {
  return Math.max(1, Math.ceil((err.retryAfterMs ?? 60_000) / 1000));
}

/** A refusal the person can act on (Defender validated and declined the change): 422, not a gateway error. */
export class ProviderRefused extends AppError {
  constructor(message: string) {
    super(422, "defender_refused", message);
  }
}

/** The error to show for a failed call; anything that is not a ProviderError is returned unchanged. */
export function describeProviderError(err: unknown, ctx: ProviderErrorContext): Error {
  if (!(err instanceof ProviderError)) return err instanceof Error ? err : new Error(String(err));
  const service = SERVICE[err.provider];
  const said = err.message ? ` ${service} said: ${err.message}` : "";
  const nothing = ctx.nothingDone ? ` ${ctx.nothingDone}` : "";
  if (err.status === 0) {
    return ctx.sentOnce
      ? new UpstreamError(
          `${service} did not answer the ${ctx.act} for ${ctx.what} (${err.code}). It may have been created; it is not resent automatically — check the action center before trying again.`,
        )
      : new UpstreamError(
          `${service} could not be reached (${err.code}) for the ${ctx.act} of ${ctx.what}.${said}${nothing}`,
        );
  }
  if (err.status === 429 || (err.status === 503 && err.retryAfterMs !== null)) {
    const seconds = retryAfterSeconds(err);
    return new UpstreamError(
      `${service} is throttling; the ${ctx.act} of ${ctx.what} can be tried again in ${seconds} s.${said}${nothing}`,
      err.status,
      seconds,
    );
  }
  if (err.status === 401 || err.status === 403) {
    const needs = ctx.permission ? ` (it needs ${ctx.permission})` : "";
    return new UpstreamError(
      `The console's app registration may not carry out the ${ctx.act} of ${ctx.what} in ${service}${needs}.${said}${nothing}`,
      err.status,
    );
  }
  if (err.status === 404)
    return new NotFound(`${service} does not know ${ctx.what} (deleted or merged?).${said}${nothing}`);
  if (err.status >= 400 && err.status < 500)
    return new ProviderRefused(`${service} refused the ${ctx.act} of ${ctx.what}.${said}${nothing}`);
  const notResent = ctx.sentOnce ? " It is not resent automatically." : "";
  return new UpstreamError(
    `${service} failed (${err.status}) on the ${ctx.act} of ${ctx.what}.${said}${nothing}${notResent}`,
    err.status,
  );
}

/** One line for a read that failed where the page shows the last known value instead (e.g. an action's status). */
export function describeFailedRead(err: unknown, ctx: { act: string; permission?: string }): string {
  if (!(err instanceof ProviderError)) return `The ${ctx.act} failed.`;
  const service = SERVICE[err.provider];
  if (err.status === 0) return `${service} did not answer (${err.code}).`;
  if (err.status === 429) return `${service} is throttling; the next ${ctx.act} is in ${retryAfterSeconds(err)} s.`;
  if (err.status === 401 || err.status === 403)
    return `The console's app registration may not carry out the ${ctx.act} in ${service}${ctx.permission ? ` (it needs ${ctx.permission})` : ""}.`;
  return `${service} answered ${err.status}${err.message ? `: ${err.message.replace(/\.+$/, "")}` : ""}.`;
}
