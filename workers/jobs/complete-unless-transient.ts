/**
 * How every job handler ends: a bad payload or a configuration error cannot get better by retrying,
 * so the job completes with the error as its output (and a log line); a transient error is rethrown,
 * so pg-boss retries the job with its queue's backoff.
 */
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export async function completeUnlessTransient<T>(what: string, work: () => Promise<T>): Promise<T | { failed: ReturnType<AppError["toJSON"]> }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && !error.retryable) {
      logger().error({ code: error.code }, `${what} not run: ${error.message}`);
      return { failed: error.toJSON() };
    }
    throw error;
  }
}
