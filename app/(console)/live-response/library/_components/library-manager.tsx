"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonPrimary, inputBase } from "@/components/ui/button-styles";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { formatUtc } from "@/components/ui/format";
import { LabelledField } from "@/components/ui/labelled-field";
import { MutationError } from "@/components/ui/mutation-error";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { RowsTable, Td } from "@/components/ui/table";
import type { LibraryFileView } from "@/lib/actions/schemas";
import { apiFetch } from "../../../_query/api";
import { useSubmitOnce } from "../../../_query/use-submit-once";
import { libraryKey } from "../../../_response/live-response-panel";

const MAX_BYTES = 20 * 1024 * 1024;
const TYPES = ".ps1,.sh,.py,.bat,.cmd,.txt,.json,.zip,.exe";

function toBase64(bytes: ArrayBuffer): string {
  let binary = "";
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function LibraryManager({ initial }: { initial: LibraryFileView[] }) {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: libraryKey,
    queryFn: () => apiFetch<{ data: LibraryFileView[] }>("/api/live-response/library"),
    initialData: { data: initial },
    staleTime: 30_000,
  });
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState("");
  const [parameters, setParameters] = useState("");
  const [override, setOverride] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: libraryKey });
  const upload = useSubmitOnce<{ data: LibraryFileView }, File>({
    mutationFn: async (f, idempotencyKey) =>
      apiFetch("/api/live-response/library", {
        method: "POST",
        idempotencyKey,
        json: {
          fileName: f.name,
          description,
          ...(parameters.trim() ? { parametersDescription: parameters.trim() } : {}),
          overrideIfExists: override,
          contentBase64: toBase64(await f.arrayBuffer()),
        },
      }),
    onSuccess: ({ data }) => setOutcome({ ok: true, text: `${data.fileName} is in the library.` }),
    onSettled: refresh,
  });
  const remove = useSubmitOnce<unknown, string>({
    mutationFn: (name, idempotencyKey) =>
      apiFetch(`/api/live-response/library/${encodeURIComponent(name)}`, { method: "DELETE", idempotencyKey }),
    onSuccess: (_d, name) => setOutcome({ ok: true, text: `${name} was deleted from the library.` }),
    onSettled: refresh,
  });
  const tooBig = file !== null && file.size > MAX_BYTES;

  return (
    <div className="space-y-6">
      <OutcomeMessage message={outcome} />
      <RowsTable
        caption="Files in the live response library"
        columns={["File", "Description", "Parameters", "Updated", ""]}
        rows={data.data}
        empty="The library is empty."
        row={(f) => (
          <tr key={f.fileName}>
            <Td className="font-mono text-xs">{f.fileName}</Td>
            <Td className="text-xs">{f.description ?? "—"}</Td>
            <Td className="text-xs">{f.hasParameters ? (f.parametersDescription ?? "yes") : "—"}</Td>
            <Td className="text-xs">
              {formatUtc(f.lastUpdatedTime)}
              {f.createdBy ? ` · ${f.createdBy}` : ""}
            </Td>
            <Td>
              <ConfirmButton
                question={`Delete ${f.fileName} from the live response library?`}
                confirmLabel="Delete"
                disabled={remove.isPending}
                onConfirm={() => (setOutcome(null), remove.submit(f.fileName))}
              >
                Delete
              </ConfirmButton>
            </Td>
          </tr>
        )}
      />
      <MutationError error={remove.error} />
      <form
        className="grid max-w-2xl gap-3"
        aria-label="Upload a file to the library"
        onSubmit={(e) => {
          e.preventDefault();
          if (!file || tooBig) return;
          setOutcome(null);
          upload.submit(file);
        }}
      >
        <h2 className="text-lg font-semibold">Upload</h2>
        <LabelledField label="File" error={tooBig ? "Library files may be at most 20 MB." : undefined}>
          <input type="file" accept={TYPES} required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </LabelledField>
        <LabelledField label="Description">
          <input className={inputBase} value={description} onChange={(e) => setDescription(e.target.value)} />
        </LabelledField>
        <LabelledField label="Parameters (describe them if the script takes any)">
          <input className={inputBase} value={parameters} onChange={(e) => setParameters(e.target.value)} />
        </LabelledField>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
          Replace a file of the same name
        </label>
        <div>
          <button type="submit" className={buttonPrimary} disabled={upload.isPending || tooBig}>
            {upload.isPending ? "Uploading…" : "Upload"}
          </button>
        </div>
        <MutationError error={upload.error} />
      </form>
    </div>
  );
}
