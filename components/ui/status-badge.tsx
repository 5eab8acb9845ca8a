const STYLES: Record<string, string> = {
  OK: "bg-green-100 text-green-800",
  SUCCEEDED: "bg-green-100 text-green-800",
  FAILING: "bg-red-100 text-red-800",
  FAILED: "bg-red-100 text-red-800",
  PARTIAL: "bg-amber-100 text-amber-800",
  RUNNING: "bg-blue-100 text-blue-800",
  QUEUED: "bg-slate-100 text-slate-700",
  UNTESTED: "bg-slate-100 text-slate-700",
};

const WORDS: Record<string, string> = {
  OK: "Connected",
  FAILING: "Failing",
  UNTESTED: "Not tested",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  PARTIAL: "Partly failed",
  RUNNING: "Running",
  QUEUED: "Queued",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-status={status} className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? "bg-slate-100 text-slate-700"}`}>
      {WORDS[status] ?? status}
    </span>
  );
}
