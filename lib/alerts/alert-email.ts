/** The words of an alert e-mail: what is wrong, since when, what to do. */
import type { AlertCondition } from "../db";
import { alertText } from "./alert-text";
import type { AlertNoticeKind } from "./send-alert-notice";

export function alertEmail(input: { condition: AlertCondition; notice: AlertNoticeKind; tenantName: string; reminderHours: number; dashboardUrl: string }) {
  const { condition, notice, tenantName } = input;
  const text = alertText(condition.kind, condition.detail as Record<string, unknown>);
  const since = condition.startedAt.toISOString().slice(0, 16).replace("T", " ");
  const until = condition.resolvedAt?.toISOString().slice(0, 16).replace("T", " ") ?? "";
  const subject = notice === "started" ? `[${tenantName}] ${text.title}` : notice === "reminder" ? `[${tenantName}] Still: ${text.title}` : `[${tenantName}] Resolved: ${text.title}`;
  const opening =
    notice === "started"
      ? `APIcenter noticed a problem with the link of ${tenantName} (since ${since} UTC):`
      : notice === "reminder"
        ? `This problem of ${tenantName} still lasts (since ${since} UTC):`
        : `This problem of ${tenantName} is over (it lasted from ${since} to ${until} UTC):`;
  const body = [
    "Hello,",
    "",
    opening,
    "",
    text.title,
    ...(text.description ? [text.description] : []),
    "",
    ...(notice === "resolved" ? [] : [`What to do: ${text.advice}`, ""]),
    `Dashboard: ${input.dashboardUrl}`,
    "",
    notice === "resolved" || input.reminderHours === 0
      ? "You receive alerts as an owner or admin of this shop, or because your address is on its alert list. You can mute them for yourself in the dashboard."
      : `While it lasts you get a reminder every ${input.reminderHours} hours. You receive alerts as an owner or admin of this shop, or because your address is on its alert list. You can mute them for yourself in the dashboard.`,
  ].join("\n");
  return { subject, body };
}
