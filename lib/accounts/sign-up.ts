/**
 * Public sign-up (only when the operator sets SIGNUP_OPEN=true): an e-mail address and a company
 * name. Nothing is created but a login without a password and a single-use link, e-mailed to the
 * address; following it proves the address, sets the password and creates the shop, with the new
 * login as its OWNER (set-password-with-token.ts). So no shop exists for an address nobody
 * confirmed, and a slug cannot be claimed by someone who does not own the mailbox.
 *
 * The answer is the same whether or not the address has a login (an address with one only gets a
 * notice, and nothing is created), and the e-mail work runs in `later` (Next.js's after()), so its
 * timing says nothing either. At most SIGNUPS_PER_ADDRESS_PER_HOUR links per address and
 * SIGNUPS_PER_HOUR in all: the product must not become a way to mail strangers.
 */
import { z } from "zod";
import { db, type Prisma } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { insertTenant, slugFromName, TenantNameSchema, TenantSlugSchema } from "../tenants/create-tenant";
import type { Locale } from "../i18n/locales";
import { emailLocale } from "../i18n/resolve-locale";
import { parseOrThrow } from "../validation";
import { sendAlreadySignedUpEmail, sendSignUpEmail } from "./account-emails";
import { issueAccountToken } from "./account-tokens";
import { SignUpInputSchema, type SignUpInput } from "./sign-up.schema";

export const SIGNUPS_PER_ADDRESS_PER_HOUR = 3;
export const SIGNUPS_PER_HOUR = 100;

export { SignUpInputSchema, type SignUpInput } from "./sign-up.schema";

export const SIGN_UP_REQUESTED_MESSAGE =
  "Check your inbox: we sent a link to confirm your e-mail address and choose a password. Your shop is created when you follow it (within 24 hours).";

/** The sign-up route and page exist only when the operator opened sign-up. */
export function assertSignUpOpen(): void {
  if (!env().SIGNUP_OPEN) throw new AppError("NOT_FOUND", "This page does not exist.", { params: { variant: "page" } });
}

const SignUpPayloadSchema = z.object({ tenantName: TenantNameSchema });

export async function requestSignUp(
  input: SignUpInput,
  later: (task: () => Promise<void>) => void | Promise<void> = (task) => task(),
  context: { browserLocale?: Locale } = {},
) {
  assertSignUpOpen();
  const { email, companyName } = parseOrThrow(SignUpInputSchema, input, "sign-up");
  await later(async () => {
    const existing = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, locale: true } });
    // The login's own choice, else the language of the browser that signed up (docs/i18n.md, "E-mails").
    const locale = emailLocale({ userLocale: existing?.locale, browserLocale: context.browserLocale });
    if (existing?.passwordHash) {
      await sendAlreadySignedUpEmail({ to: email, locale, hour: new Date().toISOString().slice(0, 13) });
      return;
    }
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    const [recentForAddress, recentInAll] = await Promise.all([
      existing ? db.accountToken.count({ where: { userId: existing.id, purpose: "SIGNUP", createdAt: { gt: hourAgo } } }) : Promise.resolve(0),
      db.accountToken.count({ where: { purpose: "SIGNUP", createdAt: { gt: hourAgo } } }),
    ]);
    if (recentForAddress >= SIGNUPS_PER_ADDRESS_PER_HOUR || recentInAll >= SIGNUPS_PER_HOUR) return;
    // A login without a password, like an invitation nobody accepted yet: it cannot log in.
    const user = existing ?? (await db.user.create({ data: { email, name: email.split("@")[0]! }, select: { id: true, passwordHash: true, locale: true } }));
    const { id, link } = await db.$transaction(async (tx) => {
      const token = await issueAccountToken(user.id, "SIGNUP", tx);
      await tx.accountToken.update({ where: { id: token.id }, data: { payload: { tenantName: companyName } } });
      return token;
    });
    await sendSignUpEmail({ to: email, locale, tokenId: id, link, tenantName: companyName });
  });
  return { message: SIGN_UP_REQUESTED_MESSAGE };
}

/** A shop's address from its name: "Fjell & Fjord AS" → "fjell-fjord-as"; another suffix while it is taken or reserved. */
export async function freeSlugFor(name: string, tx: Prisma.TransactionClient): Promise<string> {
  const base = slugFromName(name, 32) || "shop";
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = attempt === 0 ? base : `${base}-${attempt + 1}`;
    if (!TenantSlugSchema.safeParse(candidate).success) continue;
    if (!(await tx.tenant.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  return `shop-${crypto.randomUUID().slice(0, 8)}`;
}

/** Called inside the transaction that claims a SIGNUP link: creates the shop it was for, owned by the new login. */
export async function createSignedUpTenant(tx: Prisma.TransactionClient, userId: string, payload: unknown): Promise<{ slug: string; name: string }> {
  const { tenantName } = parseOrThrow(SignUpPayloadSchema, payload, "sign-up link");
  const tenant = await insertTenant(tx, { slug: await freeSlugFor(tenantName, tx), name: tenantName }, userId);
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true } });
  await tx.auditEvent.create({
    data: {
      tenantId: tenant.id,
      userId: user.id,
      userEmail: user.email,
      action: "tenant.create",
      target: `tenant:${tenant.slug}`,
      detail: { slug: tenant.slug, name: tenant.name, via: "sign-up" },
    },
  });
  return { slug: tenant.slug, name: tenant.name };
}
