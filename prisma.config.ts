// Prisma 6.19 offline setup (see "Stack notes" in docs/architecture.md): the Wasm "client" engine with the pg driver
// adapter. `engine: "js"` keeps `prisma generate` from trying to download native engines.
// Migrations are applied by lib/devstack/migrate.ts (plain SQL, in order), not by `prisma migrate`,
// whose adapter path cannot read pg_catalog "char"/name columns in 6.19 (prisma/prisma#27403).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://localhost/unused" }),
});
