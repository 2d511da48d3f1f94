import { route } from "@/lib/auth/route";
import { NotFound } from "@/lib/http/errors";

// ANY /api/<a path no route serves> (authenticated) — the API's JSON error envelope with 404, not the HTML
// not-found page, so a script with a typo in its URL reads a clear error. More specific routes always win over
// this catch-all (Next.js dynamic-route precedence). It changes nothing, so it has no audit action.
const unknownPath = route({ permission: "authenticated" }, async ({ req }) => {
  throw new NotFound(`No API route at ${new URL(req.url).pathname}: check the path.`);
});

export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
