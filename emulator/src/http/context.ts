import type { IncomingMessage, ServerResponse } from "node:http";
import type { Principal } from "../identity/principal";

/** Which envelope errors get: MDE/XDR (`{error:{code,message,target}}`), Graph (with innerError),
 *  AAD (`{error, error_description, …}`) or the emulator's own control surface. */
export type Surface = "mde" | "graph" | "identity" | "control";

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** Path with the `/api/v1.0` alias folded into `/api`. */
  path: string;
  /** The prefix the caller used (`/api` or `/api/v1.0`), kept in nextLinks. */
  apiPrefix: string;
  query: URLSearchParams;
  params: Record<string, string>;
  requestId: string;
  clientRequestId: string | null;
  surface: Surface;
  principal: Principal | null;
  baseUrl: string;
}
