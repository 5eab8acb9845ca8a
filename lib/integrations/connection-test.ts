import { isAppError, toAppError, type AppError, type ErrorCode, type ErrorParams } from "../errors";

/**
 * Words for the tenant: the English text, and params whose `variant` names its translation
 * (messages: connectionTest.<variant> for a success, errors.<code>.<variant> for a failure).
 */
export type TestMessage = { message: string; params?: ErrorParams };

/** What "test connection" shows the tenant. */
export type ConnectionTestResult = ({ ok: true } | { ok: false; code: string }) & TestMessage;

/**
 * Runs one cheap authenticated check and turns any failure into plain words: `explain` gives advice
 * for this remote (and the code that fits it), or nothing to keep the error's own words.
 */
export async function runConnectionTest(
  check: () => Promise<TestMessage>,
  explain: (error: AppError) => (TestMessage & { code?: ErrorCode }) | undefined,
): Promise<ConnectionTestResult> {
  try {
    return { ok: true, ...(await check()) };
  } catch (error) {
    const appError = isAppError(error) ? error : toAppError(error);
    const explained = explain(appError);
    return explained
      ? { ok: false, code: explained.code ?? appError.code, message: explained.message, params: explained.params }
      : { ok: false, code: appError.code, message: appError.message, params: appError.params };
  }
}
