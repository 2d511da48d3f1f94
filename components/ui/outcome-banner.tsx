import { cn } from "./cn";
// How the console reports a mutation's outcome: a success is announced politely (role="status"), a failure
// interrupts (role="alert"). Text says only what Defender or the database confirmed.

export type Outcome = { ok: boolean; text: string };

/** One line under a form or panel. */
export function OutcomeMessage({ message }: { message: Outcome | null }) {
  if (!message) return null;
  return (
    <p
      role={message.ok ? "status" : "alert"}
      className={cn(
        "text-sm",
        message.ok ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300",
      )}
    >
      {message.text}
    </p>
  );
}

/** A boxed summary of a bulk change, listing the items that did not go through. */
export function OutcomeBanner({ outcome, failures }: { outcome: Outcome; failures: { id: string; text: string }[] }) {
  return (
    <div
      role={outcome.ok ? "status" : "alert"}
      className={cn(
        "rounded-md border p-3 text-sm",
        outcome.ok
          ? "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950"
          : "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950",
      )}
    >
      <p>{outcome.text}</p>
      {failures.length ? (
        <ul className="mt-1 list-disc pl-5 text-xs">
          {failures.map((f) => (
            <li key={f.id}>
              <span className="font-mono">{f.id}</span>: {f.text}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
