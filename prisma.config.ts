import { defineConfig } from "prisma/config";

// The CLI only checks that this file exists for `prisma generate`; it never runs it. Migrations are driven
// offline by scripts/db.ts through the WebAssembly schema engine (see README "Database").
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "node_modules/prisma/package.json";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
