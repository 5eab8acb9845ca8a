/**
 * Replays the Dockerfile on this machine, without Docker: the build stage's commands run in the
 * checkout, and the runtime stage is laid out in a folder (its COPY lines, its RUN lines, its ENV),
 * so the e2e stack and the production test run exactly what the image would run, from the same
 * file. Docker itself cannot run on these machines; see docs/deploy.md.
 *
 * Understood: FROM … AS, WORKDIR, ENV, COPY [--from=stage] [--chown=…], RUN [--mount=…], CMD (JSON
 * form); USER, EXPOSE, ARG and LABEL change nothing on the host. Anything else is refused, so the
 * Dockerfile cannot drift from what is tested.
 *
 * Two host differences, both deliberate:
 * - The build stage's `npm ci` is skipped: the checkout is installed from the same lockfile.
 * - The build writes to NEXT_DIST_DIR (the e2e stack uses .next-e2e, so a running `npm start` keeps
 *   its .next); COPY sources under .next/ are read from there.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Instruction = { keyword: string; args: string };
export type Stage = { name: string; workdir: string; instructions: Instruction[] };

const HOST_NEUTRAL = new Set(["USER", "EXPOSE", "ARG", "LABEL"]);

/** Splits a Dockerfile into stages of instructions (continuation lines joined, comments dropped). */
export function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  const stages: Stage[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const match = /^(\w+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`Dockerfile: cannot read "${line}"`);
    const keyword = match[1]!.toUpperCase();
    const args = match[2]!.trim();
    if (keyword === "FROM") {
      const name = /\bAS\s+(\S+)$/i.exec(args)?.[1] ?? String(stages.length);
      stages.push({ name, workdir: "/", instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile: ${keyword} before the first FROM`);
    if (keyword === "WORKDIR") stage.workdir = path.posix.resolve(stage.workdir, args);
    stage.instructions.push({ keyword, args });
  }
  return stages;
}

/** `--flag=value` options in front of an instruction's arguments, and the rest. */
function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let match = /^--([\w-]+)=(\S+)\s+/.exec(rest); match; match = /^--([\w-]+)=(\S+)\s+/.exec(rest)) {
    flags[match[1]!] = match[2]!;
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** `A=1 B="two words"` → { A: "1", B: "two words" }. */
export function parseEnvInstruction(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) env[match[1]!] = match[3] ?? match[2]!;
  return env;
}

function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  log(`RUN ${command}  (in ${cwd})`);
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`"${command}" exited with code ${code}`))));
  });
}

const isNpmCi = (command: string) => /^npm ci\b/.test(command);

/**
 * A package.json script as an argv, for starting it without npm in between (npm does not pass
 * SIGTERM on). Refuses scripts that need a shell, so the argv is exactly what the script runs.
 */
export function packageScriptArgv(name: string, packageJson = "package.json"): string[] {
  const scripts = (JSON.parse(readFileSync(packageJson, "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  const script = scripts[name];
  if (!script) throw new Error(`package.json has no "${name}" script`);
  if (/[$"'`|&;<>\\*?]/.test(script)) throw new Error(`The "${name}" script needs a shell ("${script}"); keep it a plain command.`);
  return script.trim().split(/\s+/);
}

export type RuntimeImage = {
  /** The folder that holds what the image's WORKDIR would hold. */
  dir: string;
  /** The image's ENV. */
  env: Record<string, string>;
  /** The image's CMD. */
  command: string[];
};

/** The runtime stage's ENV and CMD, without building anything. */
export function imageConfig(dockerfile = "Dockerfile"): Pick<RuntimeImage, "env" | "command"> {
  const runtime = parseDockerfile(readFileSync(dockerfile, "utf8")).at(-1)!;
  const env: Record<string, string> = {};
  let command: string[] = [];
  for (const { keyword, args } of runtime.instructions) {
    if (keyword === "ENV") Object.assign(env, parseEnvInstruction(args));
    if (keyword === "CMD") command = JSON.parse(args) as string[];
  }
  return { env, command };
}

export async function replayDockerfile(options: {
  dockerfile?: string;
  /** Where the runtime stage is laid out. */
  dir: string;
  /** Where the build writes (NEXT_DIST_DIR). */
  distDir: string;
  log?: (line: string) => void;
}): Promise<RuntimeImage> {
  const log = options.log ?? (() => {});
  const stages = parseDockerfile(readFileSync(options.dockerfile ?? "Dockerfile", "utf8"));
  const runtime = stages.at(-1)!;
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  const image: RuntimeImage = { dir: path.resolve(options.dir), env: {}, command: [] };

  for (const stage of stages) {
    const isRuntime = stage === runtime;
    const stageEnv: Record<string, string> = {};
    for (const { keyword, args } of stage.instructions) {
      if (keyword === "ENV") Object.assign(stageEnv, parseEnvInstruction(args));
      else if (keyword === "RUN") {
        const command = splitFlags(args).rest;
        const env = { ...process.env, ...stageEnv, NEXT_DIST_DIR: options.distDir };
        if (!isRuntime) {
          if (!isNpmCi(command)) await runShell(command, process.cwd(), env, log);
        } else await runInImage(command, image.dir, env, log);
      } else if (keyword === "COPY") {
        if (isRuntime) copyIntoImage(args, image.dir, options.distDir, byName);
      } else if (keyword === "CMD") {
        image.command = JSON.parse(args) as string[];
      } else if (keyword !== "WORKDIR" && !HOST_NEUTRAL.has(keyword)) {
        throw new Error(`Dockerfile: ${keyword} is not replayed by lib/devstack/runtime-image.ts; extend it or use the instructions it knows.`);
      }
    }
    if (isRuntime) image.env = stageEnv;
  }
  return image;
}

/** The runtime stage's RUN. `npm ci` is repeated only when the lockfile or the command changed. */
async function runInImage(command: string, dir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (!isNpmCi(command)) return runShell(command, dir, env, log);
  const marker = path.join(dir, "node_modules", ".installed-by-replay");
  const stamp = createHash("sha256")
    .update(command)
    .update(readFileSync(path.join(dir, "package-lock.json")))
    .digest("hex");
  if (existsSync(marker) && readFileSync(marker, "utf8") === stamp) return log(`RUN ${command}  (unchanged lockfile: kept)`);
  await runShell(command, dir, env, log);
  writeFileSync(marker, stamp);
}

function copyIntoImage(args: string, dir: string, distDir: string, stages: Map<string, Stage>): void {
  const { flags, rest } = splitFlags(args);
  const parts = rest.split(/\s+/);
  const destination = parts.pop()!;
  const from = flags.from ? stages.get(flags.from) : undefined;
  if (flags.from && !from) throw new Error(`Dockerfile: COPY --from=${flags.from} names no stage`);
  for (const source of parts) {
    // From a stage: a path in that stage's WORKDIR, i.e. in this checkout; else the build context (also the checkout).
    let local = from ? path.posix.relative(from.workdir, path.posix.resolve(from.workdir, source)) : source;
    if (local === ".next" || local.startsWith(".next/")) local = distDir + local.slice(".next".length);
    const target = destination.endsWith("/") || parts.length > 1 ? path.join(dir, destination, path.basename(source)) : path.join(dir, destination);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(path.dirname(target), { recursive: true });
    // Symlinks as they are (Next.js links its external packages), like Docker's COPY.
    cpSync(local, target, { recursive: true, verbatimSymlinks: true });
  }
}
