/* eslint-disable @typescript-eslint/no-explicit-any -- Kusto.Language's globals are untyped */
import { createRequire } from "node:module";
import path from "node:path";
import { DEFENDER_TABLES } from "../hunting/defender-tables";
import { processSingleton } from "../process-singleton";
import { createQueryShapeReader, type QueryShapeReader } from "./query-shape";

// Kusto.Language in the server process: the same two classic scripts the editor's worker loads (the Bridge.NET
// runtime, then the library), which define the globals Bridge, System and Kusto. Loaded on the first rule check, once.

export const serverQueryShape = processSingleton<QueryShapeReader>("detectionQueryShape", () => {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  require("@kusto/language-service-next/bridge.min.js");
  require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
  return createQueryShapeReader((globalThis as any).Kusto, DEFENDER_TABLES);
});
