import { z } from "zod";
import { AppError, type ErrorCode, type ErrorParams } from "./errors";

/**
 * A field error as a code + params the dashboard translates (messages: validation.<code>, or
 * validation.fields.<field>.<code> for a field's own wording), next to its English text.
 */
export type FieldIssue = { code: string; params?: ErrorParams };

/** "orders.0.email: Invalid email address; status: Required" — names every failing field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".") || "_";
}

/** Field path → first message, for showing errors beside form fields. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[pathOf(issue)] ??= issue.message;
  return fields;
}

const NUMERIC_ORIGINS = new Set(["number", "int", "bigint"]);
const LIST_ORIGINS = new Set(["array", "set"]);

/** Zod's issue in the few words a form needs ("required", "tooLow" + minimum, "email" ...). */
export function fieldIssueOf(issue: z.core.$ZodIssue): FieldIssue {
  switch (issue.code) {
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string") return minimum <= 1 ? { code: "required" } : { code: "tooShort", params: { minimum } };
      if (NUMERIC_ORIGINS.has(issue.origin)) return { code: "tooLow", params: { minimum } };
      if (LIST_ORIGINS.has(issue.origin)) return { code: "tooFew", params: { minimum } };
      return { code: "invalid" };
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "string") return { code: "tooLong", params: { maximum } };
      if (NUMERIC_ORIGINS.has(issue.origin)) return { code: "tooHigh", params: { maximum } };
      if (LIST_ORIGINS.has(issue.origin)) return { code: "tooMany", params: { maximum } };
      return { code: "invalid" };
    }
    case "invalid_format":
      if (issue.format === "email") return { code: "email" };
      if (issue.format === "url") return { code: "url" };
      if (issue.format === "uuid" || issue.format === "guid") return { code: "id" };
      if (issue.format === "date") return { code: "date" };
      return { code: "format" };
    case "invalid_type":
      if (issue.expected === "number") return { code: "number" };
      if (issue.expected === "int") return { code: "wholeNumber" };
      return { code: "invalid" };
    case "invalid_value":
      return { code: "choice", params: { values: issue.values.map(String) } };
    case "invalid_key":
      // A record's key (e.g. a shipping method id) that its key schema refused.
      return { code: "key" };
    case "custom":
      // A refinement names its issue with `params: { issue: "url" }`, else it is just "invalid".
      return { code: typeof issue.params?.issue === "string" ? issue.params.issue : "invalid" };
    default:
      return { code: "invalid" };
  }
}

/** Field path → the first issue's code and params (the same paths as fieldErrorsOf). */
export function fieldIssuesOf(error: z.ZodError): Record<string, FieldIssue> {
  const issues: Record<string, FieldIssue> = {};
  for (const issue of error.issues) issues[pathOf(issue)] ??= fieldIssueOf(issue);
  return issues;
}

/** `details` for an AppError thrown by hand about fields: the English text and the issue of each. */
export function fieldDetails(fields: Record<string, { message: string } & FieldIssue>) {
  return {
    fields: Object.fromEntries(Object.entries(fields).map(([path, field]) => [path, field.message])),
    fieldIssues: Object.fromEntries(Object.entries(fields).map(([path, { code, params }]) => [path, params ? { code, params } : { code }])),
  };
}

/**
 * Parses a value at a boundary (route input, job payload, remote response) and throws an AppError
 * that says what was being parsed and which fields are wrong.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string, code: ErrorCode = "VALIDATION_FAILED"): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(code, `Invalid ${what}: ${describeZodError(result.error)}`, {
    details: { fields: fieldErrorsOf(result.error), fieldIssues: fieldIssuesOf(result.error) },
  });
}
