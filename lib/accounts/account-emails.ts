/**
 * The account e-mails, in the recipient's language (texts: messages/<locale>.json, email.*; which
 * language each one gets, and why: docs/i18n.md, "E-mails"). They go out without a tenant
 * (lib/notify/send-email.ts): they carry sign-in links no tenant may read.
 */
import { appUrl } from "../env";
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/messages";
import { sendEmail } from "../notify/send-email";

type Mail = { to: string; dedupeKey: string; subject: string; body: string };

function send(mail: Mail): Promise<boolean> {
  return sendEmail({ tenantId: null, dedupeKey: mail.dedupeKey, recipients: [mail.to], subject: mail.subject, body: mail.body });
}

type Membership = { to: string; locale: Locale; tenantName: string; invitedBy: string; role: string };

function membershipWords(input: Membership) {
  const t = translatorFor(input.locale);
  return { t, values: { tenant: input.tenantName, invitedBy: input.invitedBy, role: t("email.role", { role: input.role }), loginUrl: `${appUrl()}/login` } };
}

export function sendInvitationEmail(input: Membership & { tokenId: string; link: string }) {
  const { t, values } = membershipWords(input);
  return send({
    to: input.to,
    dedupeKey: `invitation:${input.tokenId}`,
    subject: t("email.invitation.subject", values),
    body: [t("email.invitation.intro", values), "", t("email.invitation.choose"), input.link, "", t("email.invitation.expired", values)].join("\n"),
  });
}

export function sendAddedEmail(input: Membership & { membershipId: string }) {
  const { t, values } = membershipWords(input);
  return send({
    to: input.to,
    dedupeKey: `membership-added:${input.membershipId}`,
    subject: t("email.added.subject", values),
    body: [t("email.added.intro", values), "", t("email.added.logIn", values)].join("\n"),
  });
}

export function sendPasswordResetEmail(input: { to: string; locale: Locale; tokenId: string; link: string }) {
  const t = translatorFor(input.locale);
  return send({
    to: input.to,
    dedupeKey: `password-reset:${input.tokenId}`,
    subject: t("email.passwordReset.subject"),
    body: [t("email.passwordReset.intro"), "", t("email.passwordReset.choose"), input.link, "", t("email.passwordReset.ignore")].join("\n"),
  });
}

export function sendSignUpEmail(input: { to: string; locale: Locale; tokenId: string; link: string; tenantName: string }) {
  const t = translatorFor(input.locale);
  return send({
    to: input.to,
    dedupeKey: `sign-up:${input.tokenId}`,
    subject: t("email.signUp.subject"),
    body: [t("email.signUp.intro", { tenant: input.tenantName }), "", t("email.signUp.choose"), input.link, "", t("email.signUp.ignore")].join("\n"),
  });
}

/** Someone signed up with an address that already has a login: nothing is created, the owner hears how to add a shop. */
export function sendAlreadySignedUpEmail(input: { to: string; locale: Locale; hour: string }) {
  const t = translatorFor(input.locale);
  return send({
    to: input.to,
    dedupeKey: `sign-up-existing:${input.to}:${input.hour}`,
    subject: t("email.alreadySignedUp.subject"),
    body: [
      t("email.alreadySignedUp.intro"),
      "",
      t("email.alreadySignedUp.logIn", { loginUrl: `${appUrl()}/login` }),
      t("email.alreadySignedUp.forgot", { forgotUrl: `${appUrl()}/forgot-password` }),
    ].join("\n"),
  });
}
