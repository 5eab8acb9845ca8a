// Runs the simulator contract tests without the repo-wide globalSetup (they need no database):
//   npx vitest run --config simulators/vitest.sim.config.mts simulators
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["simulators/**/*.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
  },
});
