#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a fresh clone: installs dependencies when they are
// missing or stale, generates the Prisma client, then hands over to the TypeScript scripts.
// Plain JavaScript with no dependencies, because it runs before anything is installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const [, , target, ...args] = process.argv;
const scripts = { start: "lib/devstack/start.ts", test: "lib/devstack/test.ts" };
if (!scripts[target]) {
  console.error(`usage: bootstrap.mjs ${Object.keys(scripts).join("|")} [args]`);
  process.exit(2);
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const installedMarker = "node_modules/.package-lock.json";
const stale = !existsSync(installedMarker) || statSync("package-lock.json").mtimeMs > statSync(installedMarker).mtimeMs;
if (stale) {
  console.log("Installing dependencies (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}
if (!existsSync("generated/prisma/client.ts")) run("npm", ["run", "--silent", "prisma:generate"]);

const child = spawn("node_modules/.bin/tsx", [scripts[target], ...args], { stdio: "inherit", env: process.env });
// Pass stop signals on and wait, so Ctrl-C lets the script shut its services down cleanly.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
