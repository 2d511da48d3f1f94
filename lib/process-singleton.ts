// One instance per server process, kept on globalThis. Next.js bundles server code into several chunks, each with
// its own copy of a module, and dev mode reloads modules: a module-level variable would give each copy (or each
// reload) its own database connection, pacer or cache. Every such object goes through here, under one name, with
// one test hook.

const slots = globalThis as unknown as { __soc?: Map<string, unknown> };
const registry = (slots.__soc ??= new Map<string, unknown>());

export interface ProcessSingleton<T> {
  /** The process's instance, created on first use. */
  (): T;
  /** Tests replace the instance (or, with undefined, drop it so the next call creates a fresh one). */
  replaceForTests(value: T | undefined): void;
}

export function processSingleton<T>(name: string, create: () => T): ProcessSingleton<T> {
  const get = (() => {
    if (!registry.has(name)) registry.set(name, create());
    return registry.get(name) as T;
  }) as ProcessSingleton<T>;
  get.replaceForTests = (value) => {
    if (value === undefined) registry.delete(name);
    else registry.set(name, value);
  };
  return get;
}
