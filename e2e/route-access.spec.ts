/**
 * Every JSON route under app/api/t (listed in route-cases.ts; a vitest test keeps that list
 * complete) called as an outsider (404), as a role too low (403; reads are allowed to VIEWERs),
 * and with invalid input (400 with a message that names the problem).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { db } from "../lib/db";
import { E2E_BASE_URL } from "../lib/devstack/ports";
import { createTestTenant, TEST_PASSWORD } from "../testing/fixtures";
import { loggedInContext } from "./helpers";
import { ROUTE_CASES, routeCaseKey, type RouteIds } from "./route-cases";

type Caller = "OUTSIDER" | "VIEWER" | "ADMIN" | "OWNER";

let tenantSlug = "";
let ids: RouteIds;
const callers = {} as Record<Caller, APIRequestContext>;

test.beforeAll(async ({ browser }) => {
  const { tenant, users } = await createTestTenant("access");
  const outsider = await createTestTenant("outsider");
  tenantSlug = tenant.slug;
  const run = await db.syncRun.create({ data: { tenantId: tenant.id, module: "ORDER_EXPORT", trigger: "MANUAL", status: "PARTIAL", finishedAt: new Date() } });
  const item = await db.syncItem.create({
    data: { tenantId: tenant.id, module: "ORDER_EXPORT", externalId: "9001", state: "FAILED", lastRunId: run.id, lastError: "SKU X not found" },
  });
  ids = { runId: run.id, itemId: item.id, userId: users.VIEWER.id };
  const logins: Record<Caller, string> = {
    OUTSIDER: outsider.users.OWNER.email,
    VIEWER: users.VIEWER.email,
    ADMIN: users.ADMIN.email,
    OWNER: users.OWNER.email,
  };
  for (const [caller, email] of Object.entries(logins) as [Caller, string][]) {
    callers[caller] = (await loggedInContext(browser, { email, password: TEST_PASSWORD })).request;
  }
});

function call(caller: APIRequestContext, method: string, path: string, body?: unknown) {
  const url = `/api/t/${tenantSlug}/${path}`;
  const data = method === "GET" || method === "DELETE" ? undefined : (body ?? {});
  return caller.fetch(url, { method, data });
}

for (const routeCase of ROUTE_CASES) {
  test(routeCaseKey(routeCase), async () => {
    const path = routeCase.path(ids);

    const outsider = await call(callers.OUTSIDER, routeCase.method, path);
    expect(outsider.status(), "a member of another tenant").toBe(404);
    expect((await outsider.json()).error.code).toBe("NOT_FOUND");

    if (routeCase.role === "VIEWER") {
      const viewer = await call(callers.VIEWER, routeCase.method, path);
      expect(viewer.status(), "a VIEWER may read").toBe(200);
    } else {
      const below = routeCase.role === "OWNER" ? "ADMIN" : "VIEWER";
      const response = await call(callers[below], routeCase.method, path);
      expect(response.status(), `${below} on a ${routeCase.role} route`).toBe(403);
      expect((await response.json()).error.message).toContain(`needs the ${routeCase.role} role`);
      if (below === "ADMIN") expect((await call(callers.VIEWER, routeCase.method, path)).status()).toBe(403);
    }

    if (routeCase.invalid) {
      const invalidPath = routeCase.invalid.path?.(ids) ?? path;
      const response = await call(callers.OWNER, routeCase.method, invalidPath, routeCase.invalid.body);
      expect(response.status(), "invalid input").toBe(400);
      const { error } = await response.json();
      expect(error.message).toMatch(routeCase.invalid.message);
      if (routeCase.invalid.field) expect(Object.keys(error.details?.fields ?? {})).toContain(routeCase.invalid.field);
    }
  });
}

test("without a session every route answers 401", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  for (const routeCase of ROUTE_CASES) {
    const response = await call(anonymous, routeCase.method, routeCase.path(ids));
    expect(response.status(), routeCaseKey(routeCase)).toBe(401);
  }
});

test("a body that is not JSON is a 400 that says so", async () => {
  const response = await callers.OWNER.fetch(`/api/t/${tenantSlug}/settings`, {
    method: "PATCH",
    data: Buffer.from("{not json"),
    headers: { "content-type": "application/json" },
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toMatch(/not valid JSON/);
});

test("unknown ids inside your own tenant are 404s, not errors", async () => {
  const missing = "00000000-0000-4000-8000-000000000000";
  expect((await call(callers.OWNER, "GET", `runs/${missing}`)).status()).toBe(404);
  expect((await call(callers.OWNER, "GET", "runs/not-a-uuid")).status()).toBe(404);
  expect((await call(callers.OWNER, "POST", `runs/${missing}/retry`)).status()).toBe(404);
  expect((await call(callers.OWNER, "DELETE", `team/${missing}`)).status()).toBe(404);
  expect((await call(callers.OWNER, "POST", "sync/no-such-module")).status()).toBe(404);
  expect((await call(callers.OWNER, "POST", "connections/sap/test")).status()).toBe(404);
});
