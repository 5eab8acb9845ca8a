import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * Tests that start real worker processes (testing/worker-process.ts). Workers take any job in the
 * shared test database's queues, but may only call the simulators their own test file allowed
 * (ALLOWED_PRIVATE_HOSTS), so these files run alone, after everything else, one at a time.
 */
const STARTS_WORKER_PROCESSES = [
  "lib/sync/engine/multi-worker.int.test.ts",
  "lib/sync/modules/order-export/exactly-once.int.test.ts",
  "workers/job-pickup.int.test.ts",
];

const shared = {
  // .next*/ hold links into node_modules (Next.js externals), whose own tests are not ours.
  exclude: ["**/node_modules/**", ".next/**", ".next-e2e/**", "bench/.next-build/**", "e2e/**", "generated/**", ".data/**"],
  globalSetup: ["./testing/global-setup.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: "forks" as const,
};

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        // Integration tests share one database; each test file creates its own tenants.
        test: { ...shared, name: "parallel", include: ["**/*.test.ts"], exclude: [...shared.exclude, ...STARTS_WORKER_PROCESSES], fileParallelism: true },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "worker-processes",
          include: STARTS_WORKER_PROCESSES,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          env: { APICENTER_TESTS_MAY_START_WORKERS: "1" },
        },
      },
    ],
  },
});
