/**
 * Client-side check of a form's payload with the very schema its route parses, before sending:
 * the same messages and field issues (so they are shown in the reader's language), beside the same
 * fields, without a round trip. The server still parses.
 */
import type { z } from "zod";
import { describeZodError, fieldErrorsOf, fieldIssuesOf } from "@/lib/validation";
import { ApiError } from "./api-client";

export function checkInput<T>(schema: z.ZodType, value: T): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ApiError(describeZodError(result.error), 400, "VALIDATION_FAILED", fieldErrorsOf(result.error), undefined, fieldIssuesOf(result.error));
  return value;
}
