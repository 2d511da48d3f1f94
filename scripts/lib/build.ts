import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { run } from "./processes";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
  "proxy.ts",
  "instrumentation.ts",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "generated" || child.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** A production build exists and no source file is newer than it. */
export function buildIsFresh(): boolean {
  const marker = path.join(".next", "BUILD_ID");
  if (!existsSync(marker)) return false;
  const builtAt = statSync(marker).mtimeMs;
  return SOURCES.every((s) => newestMtime(s) <= builtAt);
}

export async function buildConsole(env: NodeJS.ProcessEnv): Promise<void> {
  console.error("Building the console (next build)…");
  const code = await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { env });
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}
