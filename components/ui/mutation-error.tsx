/** A failed mutation's message, announced at once (role "alert"); nothing while there is no error. */
export function MutationError({ error }: { error: { message: string } | null }) {
  return error ? (
    <p role="alert" className="text-sm text-red-700 dark:text-red-300">
      {error.message}
    </p>
  ) : null;
}
