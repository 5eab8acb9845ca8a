/** Dates and durations in the same words on every page (en-GB, the user's time zone). */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "—";
  return new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** "in 4 min" / "3 min ago" for near times; the full date for others. */
export function formatRelative(value: string | Date | null | undefined, now = Date.now()): string {
  if (!value) return "—";
  const diff = new Date(value).getTime() - now;
  const minutes = Math.round(Math.abs(diff) / 60_000);
  if (minutes >= 24 * 60) return formatDateTime(value);
  const words = minutes < 1 ? "less than a minute" : minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
  return diff >= 0 ? `in ${words}` : `${words} ago`;
}
