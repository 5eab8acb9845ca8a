/**
 * What a mapping preview shows when the record cannot be mapped: the error's code, English text and
 * params (the browser words it in the reader's language). Unexpected errors are not a preview
 * result: they go up as errors of the request.
 */
import { toAppError } from "../errors";

export type PreviewProblem = { code: string; message: string; params: Record<string, unknown> | null };

export function previewProblemOf(error: unknown): PreviewProblem {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") throw appError;
  return { code: appError.code, message: appError.message, params: (appError.params as Record<string, unknown> | undefined) ?? null };
}
