/**
 * Node options every worker process starts with. V8 grows its heap lazily with each page's garbage
 * (1,000 parsed items, 1,000 ledger rows) and a worker drifted to ~330 MB RSS over a few runs,
 * although its live data is small: with this cap the 10,000-product import peaked near 200 MB at
 * the same speed (bench scenario 1). Raise it with NODE_OPTIONS if a tenant needs more.
 */
export const WORKER_NODE_OPTIONS = "--max-old-space-size=192";

/** The environment for a worker process: our options first, so the caller's NODE_OPTIONS win. */
export function workerProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: [WORKER_NODE_OPTIONS, env.NODE_OPTIONS].filter(Boolean).join(" ") };
}
