/**
 * Outbound e-mail. Every message is first stored in OutboundEmail (unique per tenant + dedupe key,
 * which is what makes "one e-mail per failed order" hold under retries and parallel workers), then
 * sent through SMTP when SMTP_URL is set. Without SMTP the message stays KEPT: a tenant's e-mails
 * show in its dashboard outbox; account e-mails (tenantId null: invitations, password resets) hold
 * sign-in links and show nowhere.
 */
import nodemailer from "nodemailer";
import { db } from "../db";
import { env } from "../env";
import { recordEmail } from "../metrics/metrics";

export type EmailInput = { tenantId: string | null; dedupeKey: string; recipients: string[]; subject: string; body: string };

let transport: nodemailer.Transporter | undefined;

function smtpTransport(): nodemailer.Transporter | undefined {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  transport ??= nodemailer.createTransport(url);
  return transport;
}

/** Returns false when an e-mail with this dedupe key was already recorded (nothing is sent again). */
export async function sendEmail(input: EmailInput): Promise<boolean> {
  const created = await db.outboundEmail.createManyAndReturn({
    data: [{ tenantId: input.tenantId, dedupeKey: input.dedupeKey, recipients: input.recipients, subject: input.subject, body: input.body }],
    skipDuplicates: true,
    select: { id: true },
  });
  const email = created[0];
  if (!email) return false;

  const smtp = smtpTransport();
  if (!smtp || input.recipients.length === 0) {
    recordEmail("kept");
    return true;
  }
  try {
    await smtp.sendMail({ from: env().MAIL_FROM, to: input.recipients, subject: input.subject, text: input.body });
    await db.outboundEmail.update({ where: { id: email.id }, data: { status: "SENT", sentAt: new Date() } });
    recordEmail("sent");
  } catch (error) {
    await db.outboundEmail.update({ where: { id: email.id }, data: { status: "FAILED", error: error instanceof Error ? error.message : String(error) } });
    recordEmail("failed");
  }
  return true;
}
