// Body fields shared by the MDE write calls. Keys are case-sensitive ("Common Microsoft Defender for Endpoint API
// errors"): `comment` instead of `Comment` is a missing parameter.
import { ApiError } from "../http/errors";

export function requiredComment(body: Record<string, unknown>): string {
  if (body.Comment === undefined || body.Comment === null)
    throw new ApiError(400, "MissingRequiredParameter", "Parameter Comment is missing.");
  if (typeof body.Comment !== "string")
    throw new ApiError(400, "InvalidInput", "Invalid input Comment: expected a string.");
  return body.Comment;
}
