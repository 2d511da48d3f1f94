"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useHydrated } from "@/components/ui/use-hydrated";
import { apiFetch } from "../../_query/api";
import { formatUtc } from "@/components/ui/format";
import { RowsTable, Td } from "@/components/ui/table";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { MutationError } from "@/components/ui/mutation-error";
import type { UserAccessRow } from "@/lib/auth/user-access-types";
import { SettingsSection } from "./settings-section";

// Ending someone's access: their sessions end at once and the API tokens they created are revoked (e.g. after their
// role was removed in Entra ID, which the console would otherwise only learn at their next sign-in).
export function UserAccess({
  initial,
  ttlHours,
  idleMinutes,
}: {
  initial: UserAccessRow[];
  ttlHours: number;
  idleMinutes: number;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const end = useMutation({
    mutationFn: (id: string) =>
      apiFetch<{ data: { sessions: number; tokens: number } }>(
        `/api/users/${encodeURIComponent(id)}/sessions?revokeTokens=true`,
        { method: "DELETE" },
      ),
    onSuccess: () => router.refresh(),
  });
  return (
    <SettingsSection
      id="access-title"
      title="People and sessions"
      className="space-y-4"
      description={
        <>
          Sessions end after {ttlHours} hours at most, or {idleMinutes} minutes unused. “End access” signs the person
          out everywhere now and revokes the API tokens they created; they get their roles from Entra ID again at their
          next sign-in.
        </>
      }
    >
      <RowsTable
        caption="People who have signed in"
        columns={[
          "Person",
          "Roles",
          "Active sessions",
          "Last seen",
          "Active tokens",
          { label: <span className="sr-only">Actions</span> },
        ]}
        rows={initial}
        empty="Nobody has signed in yet."
        row={(u) => (
          <tr key={u.id}>
            <Td>
              <span className="block font-medium">{u.name}</span>
              <span className="text-xs text-slate-500">{u.upn}</span>
            </Td>
            <Td className="text-xs">{u.roles.join(", ") || "none"}</Td>
            <Td>{u.activeSessions}</Td>
            <Td className="text-xs">{formatUtc(u.lastSeenAt, "—")}</Td>
            <Td>{u.activeTokens}</Td>
            <Td>
              <ConfirmButton
                question={`End ${u.upn}'s access? Their sessions end now and the API tokens they created are revoked.`}
                confirmLabel="End access"
                onConfirm={() => end.mutate(u.id)}
                disabled={
                  !hydrated ||
                  (end.isPending && end.variables === u.id) ||
                  (u.activeSessions === 0 && u.activeTokens === 0)
                }
              >
                End access<span className="sr-only"> for {u.upn}</span>
              </ConfirmButton>
            </Td>
          </tr>
        )}
      />
      {end.error ? (
        <MutationError error={end.error} />
      ) : end.data ? (
        <p role="status" className="text-sm">
          Ended {end.data.data.sessions} session{end.data.data.sessions === 1 ? "" : "s"} and revoked{" "}
          {end.data.data.tokens} token{end.data.data.tokens === 1 ? "" : "s"}.
        </p>
      ) : null}
    </SettingsSection>
  );
}
