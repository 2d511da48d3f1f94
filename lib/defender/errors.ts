import { ProviderError } from "../microsoft";

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
