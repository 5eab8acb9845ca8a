import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["**/*.test.ts"],
    // .next*/ hold links into node_modules (Next.js externals), whose own tests are not ours.
    exclude: ["**/node_modules/**", ".next/**", ".next-e2e/**", "bench/.next-build/**", "e2e/**", "generated/**", ".data/**"],
    globalSetup: ["./testing/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests share one database; each test file creates its own tenants.
    fileParallelism: true,
    pool: "forks",
  },
});
