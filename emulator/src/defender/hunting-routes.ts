// Advanced hunting is a later issue (issue item 6): answer in the documented envelope, clearly.
import { ApiError } from "../http/errors";
import type { RouteDef } from "../http/router";

const MESSAGE = "Advanced hunting is not emulated yet. The emulator does not run KQL queries.";

export function huntingRoutes(): RouteDef[] {
  const notEmulated = async (): Promise<void> => {
    throw new ApiError(400, "BadRequest", MESSAGE);
  };
  return [
    {
      method: "POST",
      template: "/api/advancedqueries/run",
      surface: "mde",
      family: "hunting",
      permissions: ["AdvancedQuery.Read.All"],
      handler: notEmulated,
    },
    {
      method: "POST",
      template: "/api/advancedhunting/run",
      surface: "mde",
      family: "hunting",
      permissions: ["AdvancedHunting.Read.All"],
      handler: notEmulated,
    },
    {
      method: "POST",
      template: "/v1.0/security/runHuntingQuery",
      surface: "graph",
      family: "graph.security",
      permissions: ["ThreatHunting.Read.All"],
      handler: async () => {
        throw new ApiError(400, "BadRequest", MESSAGE);
      },
    },
  ];
}
