/** Each alert condition in words: a title, what was seen, what to do. */
import type { AlertKind } from "../db";
import { CONNECTION_LABELS } from "../labels";
import { SYNC_MODULES } from "../sync/modules";

const moduleLabel = (id: unknown) => (typeof id === "string" && SYNC_MODULES.has(id) ? SYNC_MODULES.get(id).label : String(id));
const at = (iso: unknown) => (typeof iso === "string" ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "");

export function alertText(kind: AlertKind, detail: Record<string, unknown>): { title: string; description: string | null; advice: string } {
  switch (kind) {
    case "CONNECTION_FAILING":
      return {
        title: `The ${CONNECTION_LABELS[detail.connection as keyof typeof CONNECTION_LABELS] ?? detail.connection} connection is failing`,
        description: typeof detail.error === "string" ? detail.error : null,
        advice: "Check the credentials under Connections and press \"Test connection\"; the syncs use this connection again once it works.",
      };
    case "RUNS_FAILING":
      return {
        title: `${moduleLabel(detail.module)} failed ${detail.failures} times in a row`,
        description: typeof detail.error === "string" ? `Last error: ${detail.error}` : null,
        advice: "Read the error of the last run under Runs and fix its cause (a connection, a setting); the next run tries again.",
      };
    case "ORDERS_PENDING":
      return {
        title: `${detail.count} order(s) not in Visma.net after ${detail.hours} hours`,
        description: `The oldest was first seen ${at(detail.oldest)}.`,
        advice: "Each order export run tries them again. Look at the latest runs and the connections for why they cannot be sent.",
      };
    case "MODULE_NOT_RUNNING":
      return {
        title: `${moduleLabel(detail.module)} has not run since ${at(detail.since)}`,
        description: `It is set to run every ${detail.intervalMinutes} minutes.`,
        advice: "No worker seems to be running the syncs. Check that the worker processes are up (see the deployment guide), or contact support.",
      };
    case "RECORDS_FAILED":
      return {
        title: `${detail.count} record(s) of ${moduleLabel(detail.module)} failed and wait for a fix`,
        description: null,
        advice: "Open the failed records under Runs, fix the data (in Visma.net or the shop), then press \"Retry\".",
      };
    case "RATE_LIMITED":
      return {
        title: `${moduleLabel(detail.module)} is held back by a rate limit until ${at(detail.until)}`,
        description: typeof detail.error === "string" ? detail.error : null,
        advice: "The sync continues by itself then. If this happens often, let modules run less often or ask the provider for a higher limit.",
      };
  }
}
