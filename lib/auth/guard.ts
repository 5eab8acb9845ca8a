/**
 * The one guard wrapper. Every route handler, server action and page under a tenant goes through
 * it: session → membership of the tenant in the URL → role. Handlers receive the TenantContext
 * and must scope every query by ctx.tenant.id.
 */
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, httpStatusFor, toAppError, type ErrorCode } from "../errors";
import { parseOrThrow } from "../validation";
import { authOptions } from "./options";
import type { RoleName } from "./roles";
import { resolveTenantAccess, type TenantContext } from "./tenant-access";

export type { TenantContext };

async function currentUserId(): Promise<string | undefined> {
  const session = await getServerSession(authOptions());
  return session?.user?.id;
}

/**
 * The one way an error leaves a route: its code, kind, message and (masked) details, with the
 * status for its code. An unexpected error is INTERNAL by then (toAppError): logged on the server
 * with a reference, and the browser gets the generic message with that reference only.
 */
export function errorResponse(error: unknown): NextResponse {
  const appError = toAppError(error);
  return NextResponse.json({ error: appError.toJSON() }, { status: httpStatusFor(appError.code) });
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
  return async (request: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await route.params;
      const ctx = await resolveTenantAccess(await currentUserId(), params.tenant, options.role);
      const result = await handler(ctx, request, params);
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Reads and checks a JSON request body; bad JSON or bad fields give a 400 that names them. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, what = "request", code: ErrorCode = "VALIDATION_FAILED"): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("VALIDATION_FAILED", `Invalid ${what}: the body is not valid JSON.`);
  }
  return parseOrThrow(schema, body, what, code);
}

/** Checks a path segment, e.g. a run id; one that cannot name anything is a 404, like an unknown one. */
export function readRouteParam<S extends z.ZodType>(value: string, schema: S, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("NOT_FOUND", `There is no such ${what}.`);
  return result.data;
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
