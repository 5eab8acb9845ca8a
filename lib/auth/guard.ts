/**
 * The one guard wrapper. Every route handler, server action and page under a tenant goes through
 * it: session → membership of the tenant in the URL → role. Handlers receive the TenantContext
 * and must scope every query by ctx.tenant.id.
 */
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, httpStatusFor, toAppError } from "../errors";
import { parseOrThrow } from "../validation";
import { authOptions } from "./options";
import type { RoleName } from "./roles";
import { resolveTenantAccess, type TenantContext } from "./tenant-access";

export type { TenantContext };

/** The logged-in user of this request, if any (for pages and helpers that only need who it is). */
export async function currentUserId(): Promise<string | undefined> {
  const session = await getServerSession(authOptions());
  return session?.user?.id;
}

export function errorResponse(error: unknown): NextResponse {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") console.error(appError.cause ?? appError);
  return NextResponse.json({ error: appError.toJSON() }, { status: httpStatusFor(appError.code) });
}

type RouteParams = { tenant: string } & Record<string, string>;

function jsonResult(result: unknown): Response {
  return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
}

/**
 * Wraps a route handler under /api/t/[tenant]/... The handler's return value is sent as JSON
 * (or as is, when it is a Response). Reads need VIEWER; pass `role: "ADMIN"` for mutations.
 */
export function guardRoute<P extends RouteParams = RouteParams>(
  options: { role: RoleName },
  handler: (ctx: TenantContext, request: NextRequest, params: P) => Promise<unknown>,
) {
  return async (request: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await route.params;
      const ctx = await resolveTenantAccess(await currentUserId(), params.tenant, options.role);
      return jsonResult(await handler(ctx, request, params));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Wraps a route handler about the logged-in user alone (not a tenant), e.g. their language: 401 without a session. */
export function guardUserRoute(handler: (userId: string, request: NextRequest) => Promise<unknown>) {
  return async (request: NextRequest): Promise<Response> => {
    try {
      const userId = await currentUserId();
      if (!userId) throw new AppError("UNAUTHENTICATED", "Log in to continue.", { params: { variant: "loginRequired" } });
      return jsonResult(await handler(userId, request));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Reads and checks a JSON request body; bad JSON or bad fields give a 400 that names them. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, what = "request"): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("VALIDATION_FAILED", `Invalid ${what}: the body is not valid JSON.`);
  }
  return parseOrThrow(schema, body, what);
}

/** Checks query-string parameters the same way. */
export function readSearchParams<S extends z.ZodType>(request: NextRequest, schema: S): z.output<S> {
  return parseOrThrow(schema, Object.fromEntries(request.nextUrl.searchParams), "query parameters");
}

/** For server components: log in if there is no session, 404 for a tenant that is not yours. */
export async function guardPage(tenantSlug: string, role: RoleName = "VIEWER"): Promise<TenantContext> {
  const userId = await currentUserId();
  if (!userId) redirect(`/login?callbackUrl=${encodeURIComponent(`/${tenantSlug}`)}`);
  try {
    return await resolveTenantAccess(userId, tenantSlug, role);
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}

/** For pages outside a tenant (the tenant picker): the logged-in user's id, or a redirect. */
export async function requireUserId(): Promise<string> {
  const userId = await currentUserId();
  if (!userId) redirect("/login");
  return userId;
}
