/**
 * The account e-mails (plain English for now; one place, so they are easy to translate). They go
 * out without a tenant (lib/notify/send-email.ts): they carry sign-in links no tenant may read.
 */
import { sendEmail } from "../notify/send-email";
import { appUrl } from "../env";

type Mail = { to: string; dedupeKey: string; subject: string; body: string };

function send(mail: Mail): Promise<boolean> {
  return sendEmail({ tenantId: null, dedupeKey: mail.dedupeKey, recipients: [mail.to], subject: mail.subject, body: mail.body });
}

export function sendInvitationEmail(input: { to: string; tokenId: string; link: string; tenantName: string; invitedBy: string; role: string }) {
  return send({
    to: input.to,
    dedupeKey: `invitation:${input.tokenId}`,
    subject: `You are invited to ${input.tenantName} on APIcenter`,
    body: [
      `${input.invitedBy} invited you to ${input.tenantName} on APIcenter as ${input.role.toLowerCase()}.`,
      "",
      "Choose your password here (the link works once, for 7 days):",
      input.link,
      "",
      `If the link has expired, use "Forgot your password?" at ${appUrl()}/login with this e-mail address.`,
    ].join("\n"),
  });
}

export function sendAddedEmail(input: { to: string; membershipId: string; tenantName: string; invitedBy: string; role: string }) {
  return send({
    to: input.to,
    dedupeKey: `membership-added:${input.membershipId}`,
    subject: `You now have access to ${input.tenantName} on APIcenter`,
    body: [
      `${input.invitedBy} added you to ${input.tenantName} on APIcenter as ${input.role.toLowerCase()}.`,
      "",
      `Log in with your existing password at ${appUrl()}/login.`,
    ].join("\n"),
  });
}

export function sendPasswordResetEmail(input: { to: string; tokenId: string; link: string }) {
  return send({
    to: input.to,
    dedupeKey: `password-reset:${input.tokenId}`,
    subject: "Choose a new APIcenter password",
    body: [
      "Someone (hopefully you) asked to reset the password of this APIcenter login.",
      "",
      "Choose a new password here (the link works once, for one hour):",
      input.link,
      "",
      "If you did not ask for this, ignore this e-mail: your password stays as it is.",
    ].join("\n"),
  });
}
