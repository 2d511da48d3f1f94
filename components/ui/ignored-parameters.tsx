/** Says which parameters of the address a page could not use (parseLeniently), so a broken shared link is visible. */
export function IgnoredParameters({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-300">
      Some parameters in the address were not understood and were ignored: {names.join(", ")}.
    </p>
  );
}
