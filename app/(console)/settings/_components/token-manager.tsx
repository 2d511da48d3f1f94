"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { apiFetch } from "../../_query/api";
import { tokenKeys } from "../../_query/keys";
import { useSubmitOnce } from "../../_query/use-submit-once";
import { formatUtc } from "@/components/ui/format";
import { RowsTable, Td } from "@/components/ui/table";
import { buttonPrimary, inputBase } from "@/components/ui/button-styles";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyButton } from "@/components/ui/copy-button";
import { MutationError } from "@/components/ui/mutation-error";
import type { ApiTokenRow } from "@/lib/auth/token-types";
import { cn } from "@/components/ui/cn";
import { SettingsSection } from "./settings-section";

const ROLE_OPTIONS = ["Viewer", "Analyst", "Responder", "Manager", "Admin"];

export function TokenManager({ initial }: { initial: ApiTokenRow[] }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: tokenKeys.list(),
    queryFn: () => apiFetch<{ data: ApiTokenRow[] }>("/api/tokens").then((r) => r.data),
    initialData: initial,
  });
  const hydrated = useHydrated();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // Submitted once per click however fast the clicks come. No Idempotency-Key is sent on purpose: the server would
  // keep the first answer for replay, and that answer holds the new token in plain text, which is never stored.
  const create = useSubmitOnce<{ token: string; row: ApiTokenRow }, { name: string; role: string; days: number }>({
    mutationFn: (input) => apiFetch("/api/tokens", { method: "POST", json: input }),
    onSuccess: (res) => {
      setCreated({ name: res.row.name, token: res.token });
      // A filled form invites a second, identical token: start the next one from scratch.
      formRef.current?.reset();
      void queryClient.invalidateQueries({ queryKey: tokenKeys.all });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/tokens/${id}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });

  return (
    <SettingsSection
      id="tokens-title"
      title="API tokens"
      className="space-y-4"
      description={
        <>
          For SOAR and scripts: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with the role you
          give it, expires, and can be revoked at any time. Only a hash is stored, so the token is shown once.
        </>
      }
    >
      <form
        ref={formRef}
        aria-label="Create an API token"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          create.submit({
            name: String(form.get("name")),
            role: String(form.get("role")),
            days: Number(form.get("days")),
          });
        }}
      >
        <label className="flex flex-col gap-1 text-xs font-medium">
          Name
          <input name="name" required maxLength={80} className={inputBase} placeholder="e.g. soar-playbooks" />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Role
          <select name="role" defaultValue="Analyst" className={inputBase}>
            {ROLE_OPTIONS.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Expires in (days)
          <input
            name="days"
            type="number"
            min={1}
            max={365}
            defaultValue={30}
            required
            className={cn(inputBase, "w-24")}
          />
        </label>
        <button type="submit" className={buttonPrimary} disabled={!hydrated || create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
      <MutationError error={create.error} />
      {created ? (
        <div
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
        >
          <p className="font-medium">Token “{created.name}” created. Copy it now: it will not be shown again.</p>
          <code
            className="mt-2 block break-all rounded bg-white p-2 font-mono text-xs dark:bg-slate-900"
            data-testid="new-token"
          >
            {created.token}
          </code>
          <div className="mt-2">
            <CopyButton text={created.token} label="Copy token" />
          </div>
        </div>
      ) : null}
      <RowsTable
        caption="API tokens"
        columns={[
          "Name",
          "Role",
          "Token",
          "Created",
          "Expires",
          "Last used",
          { label: <span className="sr-only">Actions</span> },
        ]}
        rows={tokens.data}
        empty="No API tokens yet."
        row={(t) => {
          const state = t.state;
          return (
            <tr key={t.id}>
              <Td className="font-medium">{t.name}</Td>
              <Td>{t.role}</Td>
              <Td className="font-mono text-xs">soc_{t.prefix}_…</Td>
              <Td className="text-xs">
                {t.createdAt.slice(0, 10)}
                {t.createdBy ? ` by ${t.createdBy}` : ""}
              </Td>
              <Td className="text-xs">{t.expiresAt.slice(0, 10)}</Td>
              <Td className="text-xs">{formatUtc(t.lastUsedAt, "never")}</Td>
              <Td>
                {state === "active" ? (
                  <ConfirmButton
                    question={`Revoke the token “${t.name}”? Scripts using it will get 401 at once.`}
                    confirmLabel="Revoke token"
                    onConfirm={() => revoke.mutate(t.id)}
                    disabled={revoke.isPending && revoke.variables === t.id}
                  >
                    Revoke<span className="sr-only"> {t.name}</span>
                  </ConfirmButton>
                ) : (
                  <span className="text-xs text-slate-500">{state}</span>
                )}
              </Td>
            </tr>
          );
        }}
      />
      <MutationError error={revoke.error} />
    </SettingsSection>
  );
}
