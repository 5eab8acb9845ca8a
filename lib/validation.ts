import { z } from "zod";
import { AppError, type ErrorCode } from "./errors";

/** "orders.0.email: Invalid email address; status: Required" — names every failing field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

/** Field path → first message, for showing errors beside form fields. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_";
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * Parses a value at a boundary (route input, job payload, remote response) and throws an AppError
 * that says what was being parsed and which fields are wrong.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  code: ErrorCode = "VALIDATION_FAILED",
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(code, `Invalid ${what}: ${describeZodError(result.error)}`, {
    details: { fields: fieldErrorsOf(result.error) },
  });
}
