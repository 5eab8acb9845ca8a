/**
 * The one guard wrapper. Every route handler, server action and page goes through it. Tenant
 * routes: session → membership of the tenant in the URL → role; handlers receive the TenantContext
 * and must scope every query by ctx.tenant.id. Account routes need a session only; public routes
 * (forgot password, set password from an e-mailed link) none. Every state-changing request must
 * come from the app's own pages (Origin / Sec-Fetch-Site) and carry JSON, if it carries a body.
 */
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import { cache } from "react";
import type { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { AppError, httpStatusFor, toAppError, type ErrorCode, type ErrorParams } from "../errors";
import { addLogContext, requestIdFrom, withLogContext } from "../logger";
import { parseOrThrow } from "../validation";
import { authOptions } from "./options";
import type { RoleName } from "./roles";
import { resolveTenantAccess, type TenantContext } from "./tenant-access";

export type { TenantContext };

/**
 * The logged-in user, from a session token whose session version is still current (lib/auth/options.ts).
 * Once per page request (React cache): the layouts, the page and next-intl's request config all ask.
 */
export const currentUserId = cache(async (): Promise<string | undefined> => {
  const session = await getServerSession(authOptions());
  return session?.user?.id;
});

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The app's own origin: NEXTAUTH_URL when set (the public address behind a proxy), else the request's. */
function appOrigin(request: Request): string {
  const configured = env().NEXTAUTH_URL;
  return new URL(configured ?? request.url).origin;
}

/**
 * CSRF defence for state-changing requests: refused when the browser says it came from another
 * site (Sec-Fetch-Site) or another origin (Origin), and when a body is anything but JSON, which no
 * cross-site form or "simple" request can send. Clients that send neither header (scripts, the
 * e2e request context) are not browsers acting for a victim and pass.
 */
export function assertSameOriginJson(request: Request): void {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if ((site !== null && site !== "same-origin" && site !== "none") || (origin !== null && origin !== appOrigin(request))) {
    throw new AppError("FORBIDDEN", "This request came from another site and was refused.");
  }
  const hasBody = Number(request.headers.get("content-length") ?? 0) > 0 || request.headers.has("transfer-encoding");
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (hasBody && type !== "application/json") {
    throw new AppError("VALIDATION_FAILED", "The request body must be JSON (Content-Type: application/json).");
  }
}

/** Runs a handler with the CSRF check, sending its result as JSON (or as is, when it is a Response). */
async function respond(request: Request, work: () => Promise<unknown>): Promise<Response> {
  try {
    assertSameOriginJson(request);
    const result = await work();
    return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * The one way an error leaves a route: its code, kind, message and (masked) details, with the
 * status for its code (`init` may set another status or add headers, e.g. Retry-After). An
 * unexpected error is INTERNAL by then (toAppError): logged on the server with a reference, and the
 * browser gets the generic message with that reference only.
 */
export function errorResponse(error: unknown, init: { status?: number; headers?: Record<string, string> } = {}): NextResponse {
  const appError = toAppError(error);
  return NextResponse.json({ error: appError.toJSON() }, { status: init.status ?? httpStatusFor(appError.code), headers: init.headers });
}

type RouteParams = { tenant: string } & Record<string, string>;

/**
 * Wraps a route handler under /api/t/[tenant]/... The handler's return value is sent as JSON
 * (or as is, when it is a Response). Reads need VIEWER; pass `role: "ADMIN"` for mutations.
 */
export function guardRoute<P extends RouteParams = RouteParams>(
  options: { role: RoleName },
  handler: (ctx: TenantContext, request: NextRequest, params: P) => Promise<unknown>,
) {
  // Every log line of the request carries its id (and the tenant's, once known).
  return (request: NextRequest, route: { params: Promise<P> }): Promise<Response> =>
    withLogContext({ requestId: requestIdFrom(request.headers) }, () =>
      respond(request, async () => {
        const params = await route.params;
        const ctx = await resolveTenantAccess(await currentUserId(), params.tenant, options.role);
        addLogContext({ tenantId: ctx.tenant.id });
        return handler(ctx, request, params);
      }),
    );
}

/** Wraps a route about the logged-in user's own account (no tenant): a session is all it needs. */
export function guardAccountRoute(handler: (userId: string, request: NextRequest) => Promise<unknown>) {
  return (request: NextRequest): Promise<Response> =>
    withLogContext({ requestId: requestIdFrom(request.headers) }, () =>
      respond(request, async () => {
        const userId = await currentUserId();
        if (!userId) throw new AppError("UNAUTHENTICATED", "Log in to continue.", { params: { variant: "loginRequired" } });
        return handler(userId, request);
      }),
    );
}

/** Wraps a route anyone may call (it proves itself otherwise, e.g. with an e-mailed token). */
export function publicRoute(handler: (request: NextRequest) => Promise<unknown>) {
  return (request: NextRequest): Promise<Response> =>
    withLogContext({ requestId: requestIdFrom(request.headers) }, () => respond(request, () => handler(request)));
}

/** Reads and checks a JSON request body; bad JSON or bad fields give a 400 that names them. */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  what = "request",
  code: ErrorCode = "VALIDATION_FAILED",
): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("VALIDATION_FAILED", `Invalid ${what}: the body is not valid JSON.`);
  }
  return parseOrThrow(schema, body, what, code);
}

/**
 * Checks a path segment, e.g. a run id; one that cannot name anything is a 404, like an unknown one.
 * `params` words the 404 in the reader's language (errors.NOT_FOUND.<variant>).
 */
export function readRouteParam<S extends z.ZodType>(value: string, schema: S, what: string, params?: ErrorParams): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("NOT_FOUND", `There is no such ${what}.`, { params });
  return result.data;
}

/** Checks query-string parameters the same way. */
export function readSearchParams<S extends z.ZodType>(request: NextRequest, schema: S): z.output<S> {
  return parseOrThrow(schema, Object.fromEntries(request.nextUrl.searchParams), "query parameters");
}

/**
 * For server components: log in if there is no session, 404 for a tenant that is not yours. Once
 * per page request and role (React cache): the tenant layout and the page both guard.
 */
export const guardPage = cache(async (tenantSlug: string, role: RoleName = "VIEWER"): Promise<TenantContext> => {
  const userId = await currentUserId();
  if (!userId) redirect(`/login?callbackUrl=${encodeURIComponent(`/${tenantSlug}`)}`);
  try {
    return await resolveTenantAccess(userId, tenantSlug, role);
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
});

/** For pages outside a tenant (the tenant picker): the logged-in user's id, or a redirect. */
export async function requireUserId(returnTo = "/"): Promise<string> {
  const userId = await currentUserId();
  if (!userId) redirect(returnTo === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return userId;
}

/** For the account page: the logged-in user, or a redirect to log in and come back. */
export async function requireUser(): Promise<{ id: string; email: string; name: string }> {
  const userId = await requireUserId("/account");
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  if (!user) redirect("/login");
  return user;
}
