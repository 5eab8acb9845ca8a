/** Visma.net error bodies: IPPException for the v1 API, RFC 7807 ProblemDetails for SalesOrder V3. */
import { randomUUID } from "node:crypto";
import { json, type SimResponse } from "../shared/http";

export function ippException(status: number, message: string, faultCode = String(status)): SimResponse {
  return json(status, {
    ExceptionType: "IPPException",
    ExceptionMessage: message,
    ExceptionFaultCode: faultCode,
    ExceptionMessageID: `${faultCode}_${randomUUID()}`,
    ExceptionDetails: "",
  });
}

export interface ValidationDetail {
  code: string;
  message: string;
  property: string;
  value?: unknown;
}

const TITLES: Record<number, string> = {
  400: "One or more validation errors occurred.",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  412: "Precondition Failed",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export function problemDetails(status: number, detail: string, instance: string, details: ValidationDetail[] = []): SimResponse {
  const errors: Record<string, string[]> = {};
  for (const item of details) (errors[item.property] ??= []).push(item.message);
  return {
    status,
    headers: { "Content-Type": "application/problem+json; charset=utf-8" },
    json: {
      type: `https://httpstatuses.io/${status}`,
      title: TITLES[status] ?? "Error",
      status,
      detail,
      instance,
      errors,
      details: details.map((item) => ({ code: item.code, message: item.message, parameters: { property: item.property, value: item.value ?? null } })),
    },
  };
}

/** OAuth 2.0 token endpoint error (RFC 6749 section 5.2). */
export function oauthError(status: number, error: string, description: string): SimResponse {
  return json(status, { error, error_description: description }, { "Cache-Control": "no-store" });
}
