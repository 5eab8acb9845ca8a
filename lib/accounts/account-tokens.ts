/**
 * Single-use links for setting a password: an invitation's first one, or a reset. The link holds
 * 256 random bits; the database keeps only their SHA-256. The token travels in the URL fragment
 * (#token=…), which browsers never send to a server, so it stays out of access logs and Referer.
 */
import { createHash, randomBytes } from "node:crypto";
import { db, type AccountTokenPurpose, type Prisma } from "../db";
import { appUrl } from "../env";

export const ACCOUNT_TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  INVITATION: 7 * 24 * 60 * 60_000,
  PASSWORD_RESET: 60 * 60_000,
  SIGNUP: 24 * 60 * 60_000,
};

export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function issueAccountToken(
  userId: string,
  purpose: AccountTokenPurpose,
  tx: Prisma.TransactionClient = db,
): Promise<{ id: string; link: string }> {
  const token = randomBytes(32).toString("base64url");
  const record = await tx.accountToken.create({
    data: { userId, purpose, tokenHash: hashAccountToken(token), expiresAt: new Date(Date.now() + ACCOUNT_TOKEN_LIFETIME_MS[purpose]) },
    select: { id: true },
  });
  return { id: record.id, link: `${appUrl()}/set-password#token=${token}` };
}

/** Links that were used or expired more than a day ago: nothing can be done with them; run hourly. */
export async function purgeSpentAccountTokens(now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
  const { count } = await db.accountToken.deleteMany({ where: { OR: [{ usedAt: { lt: dayAgo } }, { expiresAt: { lt: dayAgo } }] } });
  return count;
}
