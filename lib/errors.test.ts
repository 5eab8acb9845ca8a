import { describe, expect, it, vi } from "vitest";
import { errorResponse } from "./auth/guard";
import { AppError, ERROR_CODES, HTTP_STATUS, toAppError } from "./errors";
import { logger } from "./logger";

describe("errors at the edge", () => {
  it("give every code a status of its own choosing, with client errors below 500", () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    expect(HTTP_STATUS.VALIDATION_FAILED).toBe(400);
    expect(HTTP_STATUS.CONNECTION_MISSING).toBe(409);
    expect(HTTP_STATUS.REMOTE_TIMEOUT).toBe(504);
    expect(HTTP_STATUS.INTERNAL).toBe(500);
  });

  it("keep an unexpected error's text on the server and give the browser a generic message with a reference", async () => {
    const logged = vi.spyOn(logger(), "error").mockImplementation(() => undefined);
    try {
      const response = errorResponse(new Error('relation "SyncItem" violates constraint at /srv/app/lib/x.ts:12'));
      expect(response.status).toBe(500);
      const { error } = (await response.json()) as { error: { code: string; message: string; details: { reference: string } } };
      expect(error.code).toBe("INTERNAL");
      expect(JSON.stringify(error)).not.toMatch(/SyncItem|srv|constraint/);
      expect(error.details.reference).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toContain(error.details.reference);
      // The server log has the detail under the same reference.
      expect(logged).toHaveBeenCalledTimes(1);
      const [fields, message] = logged.mock.calls[0] as unknown as [{ err: Error; reference: string }, string];
      expect(fields.reference).toBe(error.details.reference);
      expect(message).toContain(error.details.reference);
      expect(fields.err.message).toContain("violates constraint");
    } finally {
      logged.mockRestore();
    }
  });

  it("pass known errors on as they are, with their own status", async () => {
    const response = errorResponse(new AppError("CONNECTION_MISSING", "The Visma.net connection is not set up yet."));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: { code: "CONNECTION_MISSING", kind: "configuration", message: "The Visma.net connection is not set up yet." },
    });
    expect(toAppError(new AppError("NOT_FOUND", "x")).code).toBe("NOT_FOUND");
  });
});
