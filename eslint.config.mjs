import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const noDatabaseInUi = {
  patterns: [
    { group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "@/lib/generated/*", "@prisma/*"], message: "UI code reads data through lib/<domain> services, never Prisma (docs/conventions.md)." },
    { group: ["@/emulator/*", "**/emulator/**"], message: "The console never imports the emulator." },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", "lib/generated/**", "next-env.d.ts", "data/**", "test-results/**", "playwright-report/**", ".emulator/**"],
  },
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-imports": ["error", noDatabaseInUi] },
  },
  {
    files: ["lib/**"],
    ignores: ["**/*.test.ts", "**/testing.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/emulator/*", "**/emulator/**"], message: "The console never imports the emulator; only tests (and their testing.ts helpers) and scripts start it." }] },
      ],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/config/env.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/config/env.ts." }],
    },
  },
  {
    files: ["emulator/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/*", "**/lib/**", "**/app/**", "**/components/**"], message: "The emulator shares no code with the console." }] }],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
