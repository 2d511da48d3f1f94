import { z } from "zod";
import type { GraphClient } from "./client";

// GET /v1.0/users with $filter startsWith (learn.microsoft.com/graph/api/user-list). startsWith on displayName,
// userPrincipalName and mail is a default query, so it needs neither `ConsistencyLevel: eventual` nor $count
// (those are for $search and advanced queries: learn.microsoft.com/graph/aad-advanced-queries). Application
// permission: User.Read.All; without it Graph answers 403 Authorization_RequestDenied.

export const DirectoryUser = z.looseObject({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  mail: z.string().nullish(),
});
export type DirectoryUser = z.infer<typeof DirectoryUser>;

const UserList = z.looseObject({ value: z.array(z.unknown()) });

/** At most this many people per look-up: a picker shows a handful. */
export const DIRECTORY_SEARCH_MAX = 10;

/** An OData string literal: a single quote is doubled (OData ABNF, SQUOTE-in-string). */
function odataString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** People whose name, sign-in name or mail starts with `prefix`; records missing an id are skipped. */
export async function searchDirectoryUsers(client: GraphClient, prefix: string): Promise<DirectoryUser[]> {
  const p = odataString(prefix);
  const list = await client.request({
    method: "GET",
    path: "/users",
    query: {
      $filter: `startsWith(displayName,${p}) or startsWith(userPrincipalName,${p}) or startsWith(mail,${p})`,
      $select: "id,displayName,userPrincipalName,mail",
      $top: DIRECTORY_SEARCH_MAX,
    },
    schema: UserList,
  });
  return list.value.flatMap((u) => {
    const parsed = DirectoryUser.safeParse(u);
    return parsed.success ? [parsed.data] : [];
  });
}
