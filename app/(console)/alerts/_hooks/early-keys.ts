// j/k pressed while the server-rendered queue is on screen but React has not hydrated it yet would be lost: the
// keyboard hook's listener is attached by an effect, after hydration. This script runs as the rows' HTML arrives
// (it is rendered before them, carrying the CSP nonce): it keeps those presses until the hook takes them over
// (takeEarlyKeys), which replays them. Only j and k are kept: moving focus is safe to replay, changes are not.

const GLOBAL = "__socQueueEarlyKeys";

export const earlyKeysScript = `(function(){var keys=[];function onKey(e){if(e.ctrlKey||e.metaKey||e.altKey)return;var t=e.target;if(t&&(t.isContentEditable||/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))return;if(e.key!=="j"&&e.key!=="k")return;keys.push(e.key);e.preventDefault()}document.addEventListener("keydown",onKey);window.${GLOBAL}=function(){document.removeEventListener("keydown",onKey);window.${GLOBAL}=undefined;return keys}})();`;

/** The j/k presses kept since the page's HTML arrived (empty after a client-side navigation), ending the keeping. */
export function takeEarlyKeys(): ("j" | "k")[] {
  const take = (window as unknown as Record<string, (() => ("j" | "k")[]) | undefined>)[GLOBAL];
  return take ? take() : [];
}
