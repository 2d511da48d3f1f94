import { ProviderError } from "../defender";
import { AppError, NotFound, UpstreamError } from "../http/errors";

// What a person sees when Defender says no. The cache is untouched in every case (the write-through only runs
// after Defender accepted), and the message says so, with Defender's own words.

export class DefenderRefused extends AppError {
  constructor(message: string) {
    super(422, "defender_refused", message);
  }
}

export function fromDefender(err: unknown, what: string): unknown {
  if (!(err instanceof ProviderError)) return err;
  const said = err.message ? ` Defender said: ${err.message}` : "";
  const nothing = " Nothing was changed.";
  if (err.status === 404) return new NotFound(`Defender does not know ${what} (deleted or merged?).${said}${nothing}`);
  if (err.status === 429 || (err.status === 503 && err.retryAfterMs !== null)) {
    const seconds = Math.max(1, Math.ceil((err.retryAfterMs ?? 60_000) / 1000));
    return new UpstreamError(`Defender is throttling updates to ${what}; try again in ${seconds} s.${said}${nothing}`, err.status, seconds);
  }
  if (err.status === 401 || err.status === 403) {
    return new UpstreamError(`The console's app registration may not update ${what} in Defender (it needs Alert.ReadWrite.All / Incident.ReadWrite.All).${said}${nothing}`, err.status);
  }
  if (err.status >= 400 && err.status < 500) return new DefenderRefused(`Defender refused the change to ${what}.${said}${nothing}`);
  return new UpstreamError(`Defender could not be reached or failed (${err.status || err.code}) while updating ${what}.${said}${nothing}`, err.status);
}
