import { earlyKeysScript } from "../_hooks/early-keys";

/** Keeps the queue's j/k presses made before hydration (see early-keys.ts). Rendered before the rows. */
export function EarlyKeysScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlyKeysScript }} />;
}
