// Copies Kusto.Language's two browser scripts from node_modules to public/kusto/<version>/ (git-ignored), where the
// hunting editor's worker loads them with importScripts. Run by next.config.js, so `next dev`, `next build` and
// `next start` all find them after a clean `npm ci`, whichever script started Next.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const FILES = ["bridge.min.js", "Kusto.Language.Bridge.min.js"];

export function copyKustoAssets(root = process.cwd()) {
  const require = createRequire(path.join(root, "package.json"));
  const packageJson = require.resolve("@kusto/language-service-next/package.json");
  const { version } = JSON.parse(readFileSync(packageJson, "utf8"));
  const target = path.join(root, "public", "kusto", version);
  mkdirSync(target, { recursive: true });
  for (const file of FILES) {
    const to = path.join(target, file);
    if (!existsSync(to)) copyFileSync(path.join(path.dirname(packageJson), file), to);
  }
}
