import { formatUtc } from "./format";

// Defender's comments on an alert or incident, oldest first as Defender returns them.

export interface CommentItem {
  comment: string;
  createdBy: string | null;
  createdTime: string | null;
}

export function CommentList({ comments }: { comments: CommentItem[] }) {
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title" className="mb-2 font-semibold">
        Comments
      </h2>
      {comments.length === 0 ? <p className="text-sm text-slate-500">No comments.</p> : null}
      <ol className="space-y-2">
        {comments.map((c, i) => (
          <li key={i} className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800">
            <p className="whitespace-pre-wrap break-words">{c.comment}</p>
            <p className="mt-1 text-xs text-slate-500">
              {c.createdBy ?? "unknown"} · {formatUtc(c.createdTime, "")}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
