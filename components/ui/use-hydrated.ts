import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the server's HTML is on screen and React has not hydrated it, true after. A form whose submit is
 * disabled until then cannot fall back to a native GET submit that reloads the page and drops the change.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
