/**
 * Next.js calls register() once when a server process starts: the web process checks its
 * environment and prepares the database before it serves (lib/boot/boot-web-process.ts), so a bad
 * setting stops it at once. NEXT_RUNTIME is Next's own switch between its Node.js and edge builds.
 */
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootWebProcess } = await import("./lib/boot/boot-web-process");
  await bootWebProcess();
}

/** Errors Next.js caught while rendering or handling a request, into the process log. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("./lib/boot/boot-web-process");
  logRequestError(error, { method: request.method, path: request.path, route: context.routePath, kind: context.routeType });
};
