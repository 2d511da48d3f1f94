"use client";

import { useId, useState, type FormEvent } from "react";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { LabelledField } from "@/components/ui/labelled-field";
import { MutationError } from "@/components/ui/mutation-error";
import { cn } from "@/components/ui/cn";

export interface SaveQueryFields {
  name: string;
  description: string;
  tags: string[];
  folder: string;
  shared: boolean;
}

/**
 * "Save" (the open query's details, when the person may change it) or "Save as" (a new query): name, description,
 * tags, folder and whether colleagues see it. A native modal <dialog>: Esc cancels, focus returns to the opener.
 */
export function SaveQueryDialog({
  open,
  title,
  initial,
  busy,
  error,
  onSave,
  onCancel,
}: {
  open: boolean;
  title: string;
  initial: SaveQueryFields;
  busy: boolean;
  error: { message: string } | null;
  onSave: (fields: SaveQueryFields) => void;
  onCancel: () => void;
}) {
  const ref = useModalDialog(open);
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [tags, setTags] = useState(initial.tags.join(", "));
  const [folder, setFolder] = useState(initial.folder);
  const [shared, setShared] = useState(initial.shared);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({
      name: name.trim(),
      description: description.trim(),
      tags: tags
        .split(",")
        .map((t) => t.trim().replace(/^#/, ""))
        .filter(Boolean),
      folder: folder.trim(),
      shared,
    });
  };
  return (
    <dialog
      ref={ref}
      onClose={() => {
        if (open) onCancel();
      }}
      aria-labelledby={`${id}-title`}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <form onSubmit={submit} className="flex flex-col gap-3">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <LabelledField label="Name">
          <input
            className={inputBase}
            value={name}
            required
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
          />
        </LabelledField>
        <LabelledField label="Description">
          <textarea
            className={cn(inputBase, "h-16 py-1")}
            value={description}
            maxLength={2000}
            onChange={(e) => setDescription(e.target.value)}
          />
        </LabelledField>
        <LabelledField label="Tags (comma-separated)">
          <input className={inputBase} value={tags} onChange={(e) => setTags(e.target.value)} />
        </LabelledField>
        <LabelledField label="Folder (use / to nest)">
          <input className={inputBase} value={folder} maxLength={200} onChange={(e) => setFolder(e.target.value)} />
        </LabelledField>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          Shared with everyone in the console
        </label>
        <MutationError error={error} />
        <div className="mt-2 flex justify-end gap-2">
          <button type="button" className={buttonSecondary} onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className={buttonPrimary} disabled={busy || !name.trim()}>
            {busy ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
