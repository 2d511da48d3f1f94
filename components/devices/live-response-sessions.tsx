import { formatUtc } from "@/components/ui/format";
import { label } from "@/lib/labels";
import type { ActionView, LiveResponseCommandInput } from "@/lib/actions/schemas";

// A device's live response sessions, newest first: what was asked, how far Defender got, and once the session
// ended each script's output as text and each collected file as a download through the console.

function describe(c: LiveResponseCommandInput): string {
  return c.type === "RunScript" ? `Run ${c.scriptName}${c.args ? ` ${c.args}` : ""}` : `Get file ${c.path}`;
}

export function LiveResponseSessions({ sessions }: { sessions: ActionView[] }) {
  if (sessions.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No live response sessions on this device yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Live response sessions, newest first">
      {sessions.map((s) => (
        <li
          key={s.id}
          data-testid="live-response-session"
          className="rounded border border-slate-200 p-3 text-sm dark:border-slate-700"
        >
          <div className="flex flex-wrap items-baseline gap-2">
            <span className="font-medium" data-testid="live-response-status">
              {label("actionStatus", s.status)}
            </span>
            <span className="text-xs text-slate-600 dark:text-slate-400">
              {s.requestedBy ?? "someone"} · {formatUtc(s.createdAt)}
              {s.approvedBy ? ` · approved by ${s.approvedBy}` : ""}
            </span>
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-400">{s.comment}</p>
          {s.error ? (
            <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
              {s.error}
            </p>
          ) : null}
          {s.output ? (
            <ul className="mt-2 space-y-2">
              {s.output.map((o) => (
                <li key={o.index}>
                  <p className="text-xs font-medium">
                    {o.type === "GetFile" ? `Get file ${o.path}` : `Script (command ${o.index + 1})`} — {o.status}
                    {o.exitCode !== null ? `, exit code ${o.exitCode}` : ""}
                  </p>
                  {o.output !== null ? (
                    <pre
                      aria-label={`Output of command ${o.index + 1}`}
                      className="mt-1 max-h-80 overflow-auto rounded bg-slate-950 p-2 font-mono text-xs text-slate-100"
                    >
                      {o.output || "(no output)"}
                    </pre>
                  ) : null}
                  {o.errors ? (
                    <pre className="mt-1 overflow-auto whitespace-pre-wrap font-mono text-xs text-red-700 dark:text-red-300">
                      {o.errors}
                    </pre>
                  ) : null}
                  {o.type === "GetFile" && o.status === "Completed" ? (
                    // Through the console: Defender's signed link never reaches the browser.
                    <a
                      href={`/api/actions/${encodeURIComponent(s.id)}/files/${o.index}`}
                      className="text-xs text-blue-700 underline dark:text-blue-300"
                      download
                    >
                      Download {o.path?.split(/[\\/]/).pop()}
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <ul className="mt-1 list-disc pl-5 text-xs">
              {(s.commands ?? []).map((c, i) => (
                <li key={i}>{describe(c)}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
