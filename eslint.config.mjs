import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const noDatabaseInUi = {
  patterns: [
    {
      group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "@/lib/generated/*", "@prisma/*"],
      message: "UI code reads data through lib/<domain> services, never Prisma (docs/conventions.md).",
    },
    { group: ["@/emulator/*", "**/emulator/**"], message: "The console never imports the emulator." },
  ],
};

// The layers of lib/, and what each may import. Data flows Microsoft → clients → sync → cache ← domains: the
// clients know no table, the cache knows no domain (only their client-safe schemas), the sync writes through the
// cache and never calls a domain, and no domain calls the sync.
const DOMAINS = ["alerts", "actions", "assignees", "devices", "incidents", "tvm", "views", "hunting"];
const noEmulator = {
  group: ["@/emulator/*", "**/emulator/**"],
  message: "The console never imports the emulator; only tests (and their testing.ts helpers) and scripts start it.",
};
/** An import of lib/<one of names> (relative or through @/lib), except the client-safe `<name>/schemas`. */
const folderImport = (names, { exceptSchemas = false } = {}) =>
  `^(?:(?:\\.\\./)+|@/lib/)(?:${names.join("|")})(?:/${exceptSchemas ? "(?!schemas$)" : ""}.*)?$`;
const anyDomain = { regex: folderImport(DOMAINS, { exceptSchemas: true }) };

function layer(files, groups) {
  return {
    files,
    ignores: ["**/*.test.ts", "**/testing.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noEmulator, ...groups] }] },
  };
}

function layers() {
  return [
    layer(["lib/**"], []),
    layer(
      ["lib/microsoft/**", "lib/defender/**", "lib/graph/**"],
      [
        {
          regex: folderImport(["sync", "cache", "budgets", "db", ...DOMAINS]),
          message: "Microsoft clients are pure HTTP: no database, cache, sync or domain.",
        },
      ],
    ),
    layer(
      ["lib/cache/**"],
      [
        { regex: folderImport(["sync"]), message: "The cache owns tables; it never calls the sync." },
        { ...anyDomain, message: "The cache owns tables; it knows no domain (only their client-safe schemas)." },
      ],
    ),
    layer(["lib/sync/**"], [{ ...anyDomain, message: "The sync writes through lib/cache; it never calls a domain." }]),
    layer(
      DOMAINS.map((d) => `lib/${d}/**`),
      [
        {
          regex: "^(?:(?:\\.\\./)+|@/lib/)sync(?:/(?!status$).*)?$",
          message: "Domains read and write the cache (lib/cache); they never call the sync.",
        },
      ],
    ),
  ];
}

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "next-env.d.ts",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      ".emulator/**",
      "public/kusto/**", // Kusto.Language copied from node_modules at build time (next.config.js)
    ],
  },
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-imports": ["error", noDatabaseInUi] },
  },
  {
    // Browser code takes the alert vocabulary from the zod-free lib/alerts/vocabulary.ts: a value imported from
    // schemas.ts bundles zod (30 KB gzipped) into the page's first load. Types are erased, so they may come from there.
    files: ["components/**", "app/**/_components/**", "app/**/_hooks/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          ...noDatabaseInUi,
          paths: [
            {
              name: "@/lib/alerts/schemas",
              allowTypeImports: true,
              message: "Import values from @/lib/alerts/vocabulary (zod-free); only types from schemas.",
            },
            {
              name: "@/lib/hunting/schemas",
              allowTypeImports: true,
              message: "Import values from @/lib/hunting/vocabulary (zod-free); only types from schemas.",
            },
          ],
        },
      ],
    },
  },
  ...layers(),
  {
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/config/env.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/config/env.ts." },
      ],
    },
  },
  {
    files: ["emulator/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/*", "**/lib/**", "**/app/**", "**/components/**"],
              message: "The emulator shares no code with the console.",
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
