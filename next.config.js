// @ts-check
import { copyKustoAssets } from "./scripts/lib/kusto-assets.mjs";

// The hunting editor's worker loads Kusto.Language from public/kusto/<version>/ (not committed, not bundled).
copyKustoAssets();

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The console runs as a Node server next to its database; keep PGlite's WASM and the pg driver out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg"],
  // Lint and type checks run in `npm test`; the build should not repeat them.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with status 403 for pages a role may not open.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        // Versioned by the npm package's version, which never changes once published.
        source: "/kusto/:version/:file",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
      ...(process.env.NODE_ENV === "production" ? [workerPolicy] : []),
    ];
  },
};

/** @type {{ source: string, headers: { key: string, value: string }[] }} */
const workerPolicy = {
  // A worker runs under the policy its own script arrives with, not the page's. Bundled scripts carry this
  // one, so the KQL worker may load scripts from this origin only and may not evaluate strings as code
  // (no 'unsafe-eval': Kusto.Language's code paths the editor uses do not need it). Ignored for
  // ordinary <script> loads.
  source: "/_next/static/:path*",
  headers: [{ key: "Content-Security-Policy", value: "default-src 'self'; script-src 'self'; object-src 'none'" }],
};

export default nextConfig;
