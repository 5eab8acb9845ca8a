/**
 * The e-mail a shop owner gets when an order cannot be sent to Visma.net, or when a step after its
 * export failed: which order, why, what to do — in each recipient's language. A recipient who is a member of the tenant gets the language
 * they chose in the dashboard; every other address (or a member who chose none) gets the tenant's
 * e-mail language (Settings): no browser asked for it (docs/i18n.md, "E-mails"). Texts:
 * messages/<locale>.json, email.orderFailed.
 */
import { db } from "../db";
import type { AppError } from "../errors";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/messages";
import { emailLocale } from "../i18n/resolve-locale";
import { translateError } from "../i18n/translate-error";
import { sendEmail } from "./send-email";

/** What the shop owner can do about it, in one sentence. */
export function adviceFor(error: AppError, locale: Locale = DEFAULT_LOCALE): string {
  const t = translatorFor(locale);
  if (error.kind === "configuration") return t("email.orderFailed.adviceConfiguration");
  if (error.code === "RETRIES_EXHAUSTED") return t("email.orderFailed.adviceRetries");
  return t("email.orderFailed.adviceData");
}

/** Recipients by the language they read. Without recipients the e-mail is still kept (outbox), in the tenant's language. */
async function recipientsByLocale(tenantId: string, recipients: string[], tenantLocale: Locale): Promise<Map<Locale, string[]>> {
  const members = await db.membership.findMany({
    where: { tenantId, user: { email: { in: recipients.map((address) => address.toLowerCase()) } } },
    select: { user: { select: { email: true, locale: true } } },
  });
  const chosen = new Map(members.map(({ user }) => [user.email, user.locale]));
  const groups = new Map<Locale, string[]>();
  for (const address of recipients) {
    const locale = emailLocale({ userLocale: chosen.get(address.toLowerCase()), tenantLocale });
    groups.set(locale, [...(groups.get(locale) ?? []), address]);
  }
  return groups.size ? groups : new Map([[tenantLocale, []]]);
}

function orderFailedEmail(locale: Locale, input: { tenantName: string; orderId: string; error: AppError; dashboardUrl: string }) {
  const t = translatorFor(locale);
  // A step after the export failed (details.step): the order is in Visma.net already, and Retry carries on from there.
  const salesOrder = input.error.details?.step ? String(input.error.details.targetId ?? "") : undefined;
  const body = [
    t("email.orderFailed.greeting"),
    "",
    salesOrder !== undefined
      ? t("email.orderFailed.introStep", { orderId: input.orderId, tenant: input.tenantName, salesOrder })
      : t("email.orderFailed.intro", { orderId: input.orderId, tenant: input.tenantName }),
    "",
    t("email.orderFailed.reason", { reason: translateError(t, locale, input.error) }),
    "",
    adviceFor(input.error, locale),
    "",
    t("email.orderFailed.dashboard", { url: input.dashboardUrl }),
    "",
    t("email.orderFailed.footer"),
  ].join("\n");
  return { subject: t(salesOrder !== undefined ? "email.orderFailed.subjectStep" : "email.orderFailed.subject", { orderId: input.orderId }), body };
}

export async function notifyOrderFailed(input: {
  tenantId: string;
  tenantName: string;
  recipients: string[];
  orderId: string;
  error: AppError;
  dashboardUrl: string;
}): Promise<boolean> {
  const settings = await db.settings.findUnique({ where: { tenantId: input.tenantId }, select: { emailLocale: true } });
  const tenantLocale = isLocale(settings?.emailLocale) ? settings.emailLocale : DEFAULT_LOCALE;
  let recorded = false;
  for (const [locale, recipients] of await recipientsByLocale(input.tenantId, input.recipients, tenantLocale)) {
    const { subject, body } = orderFailedEmail(locale, input);
    const created = await sendEmail({
      tenantId: input.tenantId,
      // One e-mail per order, reason and language: retries with the same reason stay quiet.
      dedupeKey: `order-failed:${input.orderId}:${input.error.code}:${locale}`,
      recipients,
      subject,
      body,
    });
    recorded ||= created;
  }
  return recorded;
}
