/**
 * The deployment files agree with what the tests run: the Dockerfile's and compose.yaml's commands
 * are the npm scripts the production test starts, the image installs only runtime dependencies,
 * compose passes only settings lib/env.ts knows, and docs/deploy.md explains every one of them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { EnvSchema } from "../env";
import { missingRuntimePackages } from "./build";
import { imageConfig, packageScriptArgv, parseDockerfile, parseEnvInstruction } from "./runtime-image";

const dockerfile = parseDockerfile(readFileSync("Dockerfile", "utf8"));
const runtime = dockerfile.at(-1)!;
const compose = readFileSync("compose.yaml", "utf8");
const deployDoc = readFileSync("docs/deploy.md", "utf8");
const runs = (stage: (typeof dockerfile)[number]) => stage.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args.replace(/^(--\S+\s+)+/, ""));

describe("Dockerfile reader", () => {
  it("joins continued lines, drops comments, names stages and follows WORKDIR", () => {
    const stages = parseDockerfile(
      '# comment\nFROM node:20 AS build\nWORKDIR /app\nRUN echo a \\\n  b\nFROM node:20\nWORKDIR /srv\nWORKDIR data\nENV A=1 B="two words"\n',
    );
    expect(stages.map((stage) => [stage.name, stage.workdir])).toEqual([
      ["build", "/app"],
      ["1", "/srv/data"],
    ]);
    expect(stages[0]!.instructions.at(-1)).toEqual({ keyword: "RUN", args: "echo a    b" });
    expect(parseEnvInstruction('A=1 B="two words" C=x=y')).toEqual({ A: "1", B: "two words", C: "x=y" });
  });

  it("starts scripts without a shell only when they need none", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "scripts-"));
    const file = path.join(dir, "package.json");
    writeFileSync(file, JSON.stringify({ scripts: { plain: "node --flag a.mjs", shell: "FOO=1 node $BAR", piped: "a | b" } }));
    expect(packageScriptArgv("plain", file)).toEqual(["node", "--flag", "a.mjs"]);
    expect(() => packageScriptArgv("shell", file)).toThrow(/needs a shell/);
    expect(() => packageScriptArgv("piped", file)).toThrow(/needs a shell/);
    expect(() => packageScriptArgv("missing", file)).toThrow(/no "missing" script/);
  });
});

describe("the image", () => {
  it("builds with `npm run build` and installs only runtime dependencies", () => {
    expect(runs(dockerfile[0]!)).toContain("npm run build");
    expect(runs(runtime)).toEqual([expect.stringMatching(/^npm ci --omit=dev\b/)]);
  });

  it("runs as a non-root user, in production mode, with only instructions the local replay knows", () => {
    expect(runtime.instructions.filter((i) => i.keyword === "USER").map((i) => i.args)).toEqual(["node"]);
    expect(imageConfig().env.NODE_ENV).toBe("production");
    const known = new Set(["WORKDIR", "ENV", "COPY", "RUN", "CMD", "USER", "EXPOSE", "ARG", "LABEL"]);
    expect(dockerfile.flatMap((stage) => stage.instructions.map((i) => i.keyword)).filter((keyword) => !known.has(keyword))).toEqual([]);
  });

  it("starts the web server with `npm run start:web`'s command, and compose's workers with `npm run start:worker`'s", () => {
    expect(imageConfig().command).toEqual(packageScriptArgv("start:web"));
    const workerCommand = /^ {2}worker:\n(?:(?! {2}\S).*\n)*? {4}command: (\[.*\])$/m.exec(compose)?.[1];
    expect(JSON.parse(workerCommand ?? "null")).toEqual(packageScriptArgv("start:worker"));
    expect(/^ {2}web:\n(?:(?! {2}\S).*\n)*? {4}command:/m.test(compose)).toBe(false);
  });
});

describe("configuration", () => {
  const settings = Object.keys(EnvSchema.shape);

  it("compose passes only settings lib/env.ts knows", () => {
    const block = /^x-app-env: &app-env\n((?: {2}.*\n)+)/m.exec(compose)![1]!;
    const names = [...block.matchAll(/^ {2}([A-Z_]+):/gm)].map((match) => match[1]!);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !settings.includes(name))).toEqual([]);
  });

  it("docs/deploy.md explains every setting", () => {
    expect(settings.filter((name) => !deployDoc.includes(`\`${name}\``))).toEqual([]);
  });
});

describe("worker bundle check", () => {
  it("names packages the bundles import that `npm ci --omit=dev` would not install", () => {
    const metafile = {
      inputs: {},
      outputs: {
        "worker.mjs": {
          bytes: 1,
          inputs: {},
          exports: [],
          imports: [
            { path: "pg-boss", kind: "import-statement", external: true },
            { path: "@prisma/client/runtime/client", kind: "import-statement", external: true },
            { path: "node:crypto", kind: "import-statement", external: true },
            { path: "fs", kind: "require-call", external: true },
            { path: "tsx/esm", kind: "dynamic-import", external: true },
            { path: "lib/env.ts", kind: "import-statement" },
          ],
        },
      },
    } as unknown as Metafile;
    expect(missingRuntimePackages(metafile, { "pg-boss": "10", "@prisma/client": "6" })).toEqual(["tsx"]);
  });
});
