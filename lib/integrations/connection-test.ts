import { isAppError, toAppError } from "../errors";

/** What "test connection" shows the tenant. */
export type ConnectionTestResult = { ok: true; message: string } | { ok: false; code: string; message: string };

/** Runs one cheap authenticated check and turns any failure into plain words. */
export async function runConnectionTest(check: () => Promise<string>, explain: (code: string, message: string) => string): Promise<ConnectionTestResult> {
  try {
    return { ok: true, message: await check() };
  } catch (error) {
    const appError = isAppError(error) ? error : toAppError(error);
    return { ok: false, code: appError.code, message: explain(appError.code, appError.message) };
  }
}
