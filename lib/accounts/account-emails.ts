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

export function sendSignUpEmail(input: { to: string; tokenId: string; link: string; tenantName: string }) {
  return send({
    to: input.to,
    dedupeKey: `sign-up:${input.tokenId}`,
    subject: "Confirm your e-mail address for APIcenter",
    body: [
      `Someone (hopefully you) signed up for APIcenter with this e-mail address, for the shop "${input.tenantName}".`,
      "",
      "Confirm the address and choose your password here (the link works once, for 24 hours); the shop is created then:",
      input.link,
      "",
      "If you did not sign up, ignore this e-mail: nothing is created.",
    ].join("\n"),
  });
}

/** Someone signed up with an address that already has a login: nothing is created, the owner hears how to add a shop. */
export function sendAlreadySignedUpEmail(input: { to: string; hour: string }) {
  return send({
    to: input.to,
    dedupeKey: `sign-up-existing:${input.to}:${input.hour}`,
    subject: "You already have an APIcenter login",
    body: [
      "Someone (hopefully you) tried to sign up for APIcenter with this e-mail address, which already has a login.",
      "",
      `Log in at ${appUrl()}/login; to add another shop, choose "New shop" in the shop menu.`,
      `Forgot your password? Ask for a new one at ${appUrl()}/forgot-password.`,
    ].join("\n"),
  });
}
