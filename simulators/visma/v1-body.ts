/** v1 write bodies: every field wrapped as {"value": ...}; a wrong shape is rejected like Visma.net does. */
import { z } from "zod";
import { hasJsonContentType, parseJsonBody, type SimRequest, type SimResponse } from "../shared/http";
import { ippException } from "./errors";

export const wrapped = <T extends z.ZodType>(inner: T) => z.object({ value: inner });
export const wrappedString = wrapped(z.string().nullable());
export const wrappedNumber = wrapped(z.number().nullable());

export function readV1Body<T extends z.ZodType>(
  request: SimRequest,
  schema: T,
  dtoName: string,
): { ok: true; value: z.infer<T> } | { ok: false; response: SimResponse } {
  if (!hasJsonContentType(request)) return { ok: false, response: ippException(415, `Unsupported content type. Send ${dtoName} as application/json.`) };
  const body = parseJsonBody(request);
  if (!body.ok) return { ok: false, response: ippException(400, `Data received not recognized as ${dtoName}. ${body.error}`) };
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
    return { ok: false, response: ippException(400, `Data received not recognized as ${dtoName}. ${where}`) };
  }
  return { ok: true, value: parsed.data };
}

/** A flag documented both ways (overrideWithClassValues is plain in some clients, wrapped in others). */
export const plainOrWrapped = <T extends z.ZodType>(inner: T) =>
  z.union([inner, z.object({ value: inner }).transform((wrapper) => (wrapper as { value: z.infer<T> }).value)]);
