/**
 * `npm run build`: the production build the Dockerfile runs, and the e2e stack and
 * `npm start -- --prod` too (one build for all).
 *
 * 1. `next build` with `output: "standalone"`: <dist>/standalone/server.js serves the web app
 *    with a traced copy of the packages it needs. Its static files and the SQL migrations (the web
 *    process applies them at start) are copied in, as Next.js leaves that to us.
 * 2. The worker and the operator commands are bundled with esbuild into <dist>/bin/*.mjs (plain
 *    JavaScript, so the runtime needs no tsx or TypeScript); npm packages stay imports, which
 *    `npm ci --omit=dev` provides — so each must be a dependency, not a devDependency (checked).
 *
 * <dist> is NEXT_DIST_DIR (default .next); the e2e stack builds into .next-e2e.
 */
import { spawn } from "node:child_process";
import { builtinModules } from "node:module";
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { build, type Metafile } from "esbuild";

/** The commands the runtime image runs besides the web server: output name → source. */
export const BUNDLED_ENTRIES = {
  worker: "workers/main.ts",
  sync: "workers/cli.ts",
  migrate: "workers/migrate.ts",
  tenant: "workers/tenant.ts",
  "rotate-key": "workers/rotate-key.ts",
} as const;

function runNextBuild(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with code ${code}`))));
  });
}

/** Bare package name of an import ("@prisma/client/runtime/x" → "@prisma/client"). */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Packages the bundles import at run time that `npm ci --omit=dev` would not install. */
export function missingRuntimePackages(metafile: Metafile, dependencies: Record<string, string>): string[] {
  const builtins = new Set(builtinModules);
  const missing = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path: specifier, external } of output.imports) {
      if (!external || specifier.startsWith("node:") || builtins.has(specifier)) continue;
      const name = packageOf(specifier);
      if (!(name in dependencies)) missing.add(name);
    }
  }
  return [...missing].sort();
}

async function bundleEntries(outdir: string): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: BUNDLED_ENTRIES,
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    sourcemap: true,
    metafile: true,
    logLevel: "warning",
    // A built worker is production whatever the shell says (lib/env.ts reads NODE_ENV this way).
    define: { "process.env.NODE_ENV": '"production"' },
    // Bundled CommonJS code may call require(); ESM output has none unless we make one.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  });
  const { dependencies = {} } = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies?: Record<string, string> };
  const missing = missingRuntimePackages(result.metafile, dependencies);
  if (missing.length) {
    throw new Error(`The worker bundle imports ${missing.join(", ")}, which the runtime image does not install: move them to "dependencies" in package.json.`);
  }
}

export async function buildProduction(distDir = process.env.NEXT_DIST_DIR || ".next"): Promise<void> {
  await runNextBuild({ ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" });
  const standalone = path.join(distDir, "standalone");
  if (!existsSync(path.join(standalone, "server.js")))
    throw new Error(`next build left no ${standalone}/server.js (is output: "standalone" set in next.config.js?)`);
  cpSync(path.join(distDir, "static"), path.join(standalone, distDir, "static"), { recursive: true });
  if (existsSync("public")) cpSync("public", path.join(standalone, "public"), { recursive: true });
  cpSync(path.join("prisma", "migrations"), path.join(standalone, "prisma", "migrations"), { recursive: true });
  await bundleEntries(path.join(distDir, "bin"));
  console.log(
    `Built ${standalone}/server.js and ${Object.keys(BUNDLED_ENTRIES)
      .map((name) => `${distDir}/bin/${name}.mjs`)
      .join(", ")}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve("lib/devstack/build.ts")) {
  buildProduction().catch((error: unknown) => {
    console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
