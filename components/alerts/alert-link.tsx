import Link from "next/link";

/** An alert's title as a link to its page, in the alert tables of the alert, device and incident pages. */
export function AlertLink({ alert }: { alert: { id: string; title: string } }) {
  return (
    <Link href={`/alerts/${encodeURIComponent(alert.id)}`} className="text-blue-700 hover:underline dark:text-blue-300">
      {alert.title}
    </Link>
  );
}
