import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { randomBytes } from "node:crypto";

// Benchmarks run against a database created for the run: a PGlite folder in a temp dir, or a PostgreSQL database
// on the local server (dropped afterwards).

export interface BenchDatabase {
  kind: "pglite" | "postgresql";
  env: Record<string, string>;
  drop(): Promise<void>;
}

const ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export async function freshDatabase(kind: "pglite" | "postgresql", adminUrl = ADMIN_URL): Promise<BenchDatabase> {
  if (kind === "pglite") {
    const dir = mkdtempSync(path.join(tmpdir(), "soc-bench-"));
    return {
      kind,
      env: { PGLITE_DIR: path.join(dir, "pglite"), DATABASE_URL: "" },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `soc_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    env: { DATABASE_URL: url.toString() },
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
