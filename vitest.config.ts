import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: [
      "lib/**/*.test.ts",
      "components/**/*.test.ts",
      "scripts/**/*.test.ts",
      "emulator/**/*.test.ts",
      "app/**/*.test.ts",
    ],
    exclude: ["node_modules/**", ".next/**", "e2e/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration files each start databases and emulators; two at a time keeps the machine responsive.
    maxWorkers: 2,
    reporters: ["default"],
    // Tests provoke provider faults on purpose; their warnings would bury real failures.
    env: { LOG_LEVEL: "error" },
  },
});
