import type { ReactNode } from "react";

/** One section of the settings page: its heading (which names the section for assistive technology) and what it does. */
export function SettingsSection({
  id,
  title,
  description,
  className,
  children,
}: {
  /** The heading's id, which the section is labelled by. */
  id: string;
  title: string;
  description: ReactNode;
  className: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <div>
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
      </div>
      {children}
    </section>
  );
}
