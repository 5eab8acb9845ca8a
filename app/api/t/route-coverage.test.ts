/**
 * Fails when a route under app/api/t exports a handler that e2e/route-cases.ts does not list (so
 * the role/tenant/input e2e spec would skip it), when a listed one no longer exists, when a
 * handler is not wrapped in guardRoute, or when its role differs from the table's.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_CASES, routeCaseKey } from "../../../e2e/route-cases";

const ROOT = path.resolve(__dirname, "../../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

type Handler = { file: string; method: string; guardRole: string | null };

/** Every exported HTTP method of every route file, with the role its guardRoute asks for. */
function exportedHandlers(): Handler[] {
  return routeFiles(path.join(ROOT, "app/api/t")).flatMap((file) => {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const handlers: Handler[] = [];
    for (const match of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(\w+)/g)) {
      const method = match[1]!;
      if (!METHODS.includes(method)) continue;
      const after = source.slice(match.index!, match.index! + 300);
      const guard = /^export\s+const\s+\w+\s*=\s*guardRoute(?:<[^>]*>)?\(\s*\{\s*role:\s*"(\w+)"/.exec(after);
      handlers.push({ file, method, guardRole: guard ? guard[1]! : null });
    }
    // Re-exports like `export { GET } from ...` would dodge the checks above.
    for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const name of match[1]!.split(",").map((part) =>
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
      )) {
        if (METHODS.includes(name)) handlers.push({ file, method: name, guardRole: null });
      }
    }
    return handlers;
  });
}

describe("route coverage", () => {
  const handlers = exportedHandlers();
  const listed = new Map(ROUTE_CASES.map((routeCase) => [routeCaseKey(routeCase), routeCase]));

  it("finds the route handlers (sanity check of the scanner)", () => {
    expect(handlers.length).toBeGreaterThanOrEqual(20);
  });

  it("lists every route handler in e2e/route-cases.ts", () => {
    const missing = handlers.map(routeCaseKey).filter((key) => !listed.has(key));
    expect(missing, "add these to e2e/route-cases.ts so the access spec calls them").toEqual([]);
  });

  it("lists no route that no longer exists", () => {
    const existing = new Set(handlers.map(routeCaseKey));
    expect([...listed.keys()].filter((key) => !existing.has(key))).toEqual([]);
  });

  it("wraps every handler in guardRoute with the role the table expects", () => {
    const wrong = handlers
      .filter((handler) => handler.guardRole !== listed.get(routeCaseKey(handler))?.role)
      .map(
        (handler) =>
          `${routeCaseKey(handler)}: guardRoute role ${handler.guardRole ?? "(none)"}, table ${listed.get(routeCaseKey(handler))?.role ?? "(missing)"}`,
      );
    expect(wrong).toEqual([]);
  });

  it("gives every route an invalid-input case or says why it takes no input", () => {
    expect(ROUTE_CASES.filter((routeCase) => !routeCase.invalid && !routeCase.noInput).map(routeCaseKey)).toEqual([]);
  });
});
