import { AppError } from "../errors";

/** For tests: runs `action` (or awaits a promise) and returns the AppError it threw; anything else fails. */
export async function caughtAppError(action: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof action === "function" ? action() : action);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, but nothing was thrown");
}
