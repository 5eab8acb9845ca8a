// ESLint (flat config): Next.js + TypeScript rules, plus the import boundaries that keep the
// architecture honest. Formatting is Prettier's job (eslint-config-prettier turns off the rules
// that would fight it).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const noSimulators = { group: ["**/simulators/**"], message: "Simulators are test equipment; product code never imports them." };

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  prettier,
  globalIgnores([".next/**", ".next-e2e/**", "bench/.next-build/**", "generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // The rule guards CommonJS page modules, where `module` is the module object. Everywhere else
    // (ES modules) a sync module is simply called `module`.
    files: ["lib/**", "workers/**", "testing/**", "bench/**", "simulators/**", "e2e/**"],
    rules: { "@next/next/no-assign-module-variable": "off" },
  },
  {
    // The domain never reaches up into the web layer, nor into the simulators.
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/**/*.test.ts", "lib/devstack/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/**", "**/app/**"], message: "lib/ never imports app/: routes call the domain, not the other way round." },
            { group: ["@/components/**", "**/components/**"], message: "lib/ never imports components/." },
            noSimulators,
            { group: ["@/testing/**", "**/testing/**"], message: "Test support is not product code." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "workers/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [noSimulators, { group: ["@/testing/**", "**/testing/**"], message: "Test support is not product code." }] },
      ],
    },
  },
]);
