// Runs connector, HTTP and mapping tests without the repo-wide global setup (which needs Postgres).
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("../../", import.meta.url)) } },
  test: {
    root: fileURLToPath(new URL("../../", import.meta.url)),
    include: ["lib/http/**/*.test.ts", "lib/integrations/**/*.test.ts", "lib/sync/transform/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
  },
});
