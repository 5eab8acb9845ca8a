import { useTranslations } from "next-intl";
import type { Messages } from "@/lib/i18n/messages";

const GOOD = "bg-green-100 text-green-800";
const BAD = "bg-red-100 text-red-800";
const WARN = "bg-amber-100 text-amber-800";
const BUSY = "bg-blue-100 text-blue-800";
const QUIET = "bg-slate-100 text-slate-700";

type Status = keyof Messages["status"];

/** Colour for every status the dashboard shows (connections, runs, records, e-mails, log levels); the words are in messages: status.*. */
const STYLES: Record<Status, string> = {
  OK: GOOD,
  FAILING: BAD,
  UNTESTED: QUIET,
  SUCCEEDED: GOOD,
  FAILED: BAD,
  PARTIAL: WARN,
  RATE_LIMITED: WARN,
  RUNNING: BUSY,
  QUEUED: QUIET,
  DONE: GOOD,
  SKIPPED: QUIET,
  PENDING: QUIET,
  CLAIMED: BUSY,
  SENT: GOOD,
  KEPT: QUIET,
  ERROR: BAD,
  WARN: WARN,
  INFO: BUSY,
  DEBUG: QUIET,
};

function isStatus(status: string): status is Status {
  return Object.hasOwn(STYLES, status);
}

export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations("status");
  return (
    <span
      data-status={status}
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${isStatus(status) ? STYLES[status] : QUIET}`}
    >
      {isStatus(status) ? t(status) : status}
    </span>
  );
}
