/**
 * fetch for the dashboard's JSON routes: throws an ApiError carrying the server's English message,
 * its code and params (so components/i18n.ts can show it in the reader's language) and field errors.
 */
import type { ErrorParams } from "@/lib/errors";
import { asErrorParams } from "@/lib/i18n/translate-error";
import type { FieldIssue } from "@/lib/validation";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly fields?: Record<string, string>,
    readonly params?: ErrorParams,
    readonly fieldIssues?: Record<string, FieldIssue>,
  ) {
    super(message);
  }
}

/** The field issues of an error body, keeping only well-formed entries (it is JSON from the network). */
function fieldIssuesOf(value: unknown): Record<string, FieldIssue> | undefined {
  if (!value || typeof value !== "object") return undefined;
  const issues: Record<string, FieldIssue> = {};
  for (const [path, issue] of Object.entries(value)) {
    if (issue && typeof issue === "object" && typeof issue.code === "string") issues[path] = { code: issue.code, params: asErrorParams(issue.params) };
  }
  return issues;
}

export async function apiFetch<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  const response = await fetch(url, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error;
    throw new ApiError(
      error?.message ?? `Request failed (HTTP ${response.status}).`,
      response.status,
      error?.code,
      error?.details?.fields,
      asErrorParams(error?.params),
      fieldIssuesOf(error?.details?.fieldIssues),
    );
  }
  return body as T;
}
