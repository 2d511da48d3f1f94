import { route } from "@/lib/auth/route";
import { NotFound } from "@/lib/http/errors";
import { getVulnerability } from "@/lib/tvm";
import { CveRef, GroupScope } from "@/lib/tvm/schemas";

// GET /api/tvm/vulnerabilities/[id] (console:read) — one CVE and the devices still exposed to it
export const GET = route(
  { permission: "console:read", params: CveRef, query: GroupScope },
  async ({ params, query }) =>
    (await getVulnerability(params.id, query.group)) ??
    Promise.reject(new NotFound(`No vulnerability ${params.id} in the cache.`)),
);
