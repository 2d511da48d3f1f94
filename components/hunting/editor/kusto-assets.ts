// Where the browser finds Kusto.Language: the two scripts of npm `@kusto/language-service-next`, copied into
// public/kusto/<version>/ at build time (scripts/lib/kusto-assets.mjs, run from next.config.js) rather than
// committed or bundled. A published npm version never changes, so the versioned URL is cached as immutable.
import kustoPackage from "@kusto/language-service-next/package.json";

export const KUSTO_VERSION: string = kustoPackage.version;

/** Load order matters: the Bridge.NET runtime (globals Bridge, System) before the library (global Kusto). */
export const KUSTO_SCRIPTS = ["bridge.min.js", "Kusto.Language.Bridge.min.js"].map(
  (file) => `/kusto/${KUSTO_VERSION}/${file}`,
);
