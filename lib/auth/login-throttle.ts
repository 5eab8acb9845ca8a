/**
 * Login throttling per account and per client address, in Postgres so every web replica agrees.
 *
 * An attempt is counted before its password is checked, in one INSERT … ON CONFLICT statement per
 * key that also refuses it while the key is waiting: parallel guesses take turns on the row lock,
 * so none can slip past the limit. The first FREE attempts of a streak are free; each one after
 * that makes the next wait 30 s, 1 min, 2 min … up to 15 minutes, never more: a back-off, not a
 * lock-out, so an attacker cannot shut an owner out for good (and a password reset clears the
 * account's streak). A streak is forgotten after 15 quiet minutes.
 *
 * A successful login clears the account's streak but only takes back its own count from the
 * address, so logging into one's own account does not reset a sprayer's address counter.
 */
import { db } from "../db";
import { AppError } from "../errors";

export const FREE_ATTEMPTS = { account: 5, address: 30 } as const;
export const STREAK_MEMORY_MS = 15 * 60_000;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;

export type ThrottleKey = { key: string; free: number };

/** The keys an attempt counts on: its address (when known) first, then the account. */
export function loginThrottleKeys(email: string, address: string | undefined): ThrottleKey[] {
  return [...(address ? [{ key: `address:${address}`, free: FREE_ATTEMPTS.address }] : []), { key: `account:${email}`, free: FREE_ATTEMPTS.account }];
}

/** The wait in words, and as params for its translation (errors.TOO_MANY_ATTEMPTS.<variant>). */
function waitOf(ms: number): { words: string; params: { variant: "seconds" | "minutes"; count: number } } {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return { words: `${seconds} seconds`, params: { variant: "seconds", count: seconds } };
  const minutes = Math.ceil(seconds / 60);
  return { words: `${minutes} minutes`, params: { variant: "minutes", count: minutes } };
}

/** Counts one attempt on each key; throws TOO_MANY_ATTEMPTS (saying how long to wait) while one is waiting. */
export async function reserveLoginAttempt(keys: ThrottleKey[], now = new Date()): Promise<void> {
  const nowText = now.toISOString();
  const forgetBefore = new Date(now.getTime() - STREAK_MEMORY_MS).toISOString();
  for (const { key, free } of keys) {
    // Times are UTC wall-clock values, as Prisma stores DateTime in "timestamp(3)" columns.
    const rows = await db.$queryRaw<{ failures: number }[]>`
      with attempt as (select ${nowText}::timestamp(3) as at)
      insert into "LoginThrottle" as t (key, failures, "lastFailureAt", "blockedUntil")
      select ${key}, 1, at, null from attempt
      on conflict (key) do update set
        failures = case when t."lastFailureAt" < ${forgetBefore}::timestamp(3) then 1 else t.failures + 1 end,
        "lastFailureAt" = excluded."lastFailureAt",
        "blockedUntil" = case
          when (case when t."lastFailureAt" < ${forgetBefore}::timestamp(3) then 1 else t.failures + 1 end) > ${free}
          then excluded."lastFailureAt" + least(${MAX_WAIT_MS}::float8, ${FIRST_WAIT_MS}::float8 * power(2, (case when t."lastFailureAt" < ${forgetBefore}::timestamp(3) then 1 else t.failures + 1 end) - ${free} - 1)) * interval '1 millisecond'
          else null
        end
      where t."blockedUntil" is null or t."blockedUntil" <= excluded."lastFailureAt"
      returning failures`;
    if (rows.length === 0) {
      const row = await db.loginThrottle.findUnique({ where: { key }, select: { blockedUntil: true } });
      const waitMs = (row?.blockedUntil?.getTime() ?? now.getTime()) - now.getTime();
      const wait = waitOf(waitMs);
      throw new AppError("TOO_MANY_ATTEMPTS", `Too many failed logins. Wait ${wait.words} and try again.`, {
        params: wait.params,
        details: { retryAfterMs: Math.max(0, waitMs) },
      });
    }
  }
}

/** After a correct password: the account's streak ends; the address gets back the one attempt it was charged. */
export async function recordLoginSuccess(keys: ThrottleKey[]): Promise<void> {
  for (const { key, free } of keys) {
    if (key.startsWith("account:")) {
      await db.loginThrottle.deleteMany({ where: { key } });
    } else {
      await db.$executeRaw`
        update "LoginThrottle" set failures = greatest(failures - 1, 0),
          "blockedUntil" = case when failures - 1 <= ${free} then null else "blockedUntil" end
        where key = ${key}`;
    }
  }
}

/** Ends an account's streak (after its password was reset by e-mail, which proves the mailbox). */
export async function clearAccountThrottle(email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `account:${email}` } });
}

/** Counters whose streak is over and whose wait has passed; run hourly. */
export async function purgeLoginThrottles(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STREAK_MEMORY_MS);
  const { count } = await db.loginThrottle.deleteMany({
    where: { lastFailureAt: { lt: before }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }] },
  });
  return count;
}

/**
 * The client's address from X-Forwarded-For, counting `trustedProxies` hops from the right (each
 * trusted proxy appends the address it saw). With no trusted proxy the header is the client's own
 * word, so there is no address: only the per-account limit applies.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string | undefined {
  if (trustedProxies <= 0 || !forwardedFor) return undefined;
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.length >= trustedProxies ? hops[hops.length - trustedProxies] : undefined;
}
