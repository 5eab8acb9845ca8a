const GOOD = "bg-green-100 text-green-800";
const BAD = "bg-red-100 text-red-800";
const WARN = "bg-amber-100 text-amber-800";
const BUSY = "bg-blue-100 text-blue-800";
const QUIET = "bg-slate-100 text-slate-700";

/** Colour and plain words for every status the dashboard shows (connections, runs, records, e-mails, log levels). */
const BADGES: Record<string, [string, string]> = {
  OK: [GOOD, "Connected"],
  FAILING: [BAD, "Failing"],
  UNTESTED: [QUIET, "Not tested"],
  SUCCEEDED: [GOOD, "Succeeded"],
  FAILED: [BAD, "Failed"],
  PARTIAL: [WARN, "Partly failed"],
  RUNNING: [BUSY, "Running"],
  QUEUED: [QUIET, "Queued"],
  DONE: [GOOD, "Done"],
  SKIPPED: [QUIET, "Unchanged"],
  PENDING: [QUIET, "Pending"],
  CLAIMED: [BUSY, "In progress"],
  SENT: [GOOD, "Sent"],
  KEPT: [QUIET, "Kept (no SMTP)"],
  ERROR: [BAD, "Error"],
  WARN: [WARN, "Warning"],
  INFO: [BUSY, "Info"],
  DEBUG: [QUIET, "Debug"],
};

export function StatusBadge({ status }: { status: string }) {
  const [style, words] = BADGES[status] ?? [QUIET, status];
  return (
    <span data-status={status} className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${style}`}>
      {words}
    </span>
  );
}
