/** A failed mutation's message, announced at once (role "alert"); nothing while there is no error. */
export function MutationError({ error }: { error: { message: string } | null }) {
  return error ? (
    <p role="alert" className="text-sm text-red-700 dark:text-red-300">
      {error.message}
    </p>
  ) : null;
}

/** A refusal inside a dialog or form, boxed so it stands out above the buttons; nothing while there is none. */
export function BoxedError({ message, className = "" }: { message: string | null | undefined; className?: string }) {
  return message ? (
    <p
      role="alert"
      className={`rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200 ${className}`}
    >
      {message}
    </p>
  ) : null;
}
