// Sign-in attempts counted in the database, per address and per account, so the limit holds
// whichever instance behind the load balancer a guess reaches (issue 13). Each attempt counts
// (before the password is checked, so a throttled guess costs no scrypt work); a window that
// has passed starts again at 1. Request rate limits, by contrast, are per instance (README).
import { sql } from 'kysely';
import type { TeamDatabase } from '../db/connection.ts';
import { prepare } from '../db/prepared.ts';

export interface SignInLimits {
  perAddress: { max: number; windowMs: number };
  perAccount: { max: number; windowMs: number };
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAddress: { max: 10, windowMs: 60_000 },
  perAccount: { max: 30, windowMs: 60 * 60_000 },
};

export type SignInVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

/** Windows older than this are deleted now and then. */
const PURGE_EVERY = 200;

export function createSignInThrottle(database: TeamDatabase, now: () => Date) {
  const { db } = database;
  // One statement, atomic on both dialects: two instances counting the same key never lose one.
  const count = prepare({ key: '', at: 0, expired: 0 }, (p) =>
    db
      .insertInto('sign_in_attempts')
      .values({ key: p.key, window_start: p.at, attempts: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          attempts: sql<number>`CASE WHEN sign_in_attempts.window_start <= ${p.expired} THEN 1 ELSE sign_in_attempts.attempts + 1 END`,
          window_start: sql<number>`CASE WHEN sign_in_attempts.window_start <= ${p.expired} THEN excluded.window_start ELSE sign_in_attempts.window_start END`,
        }),
      )
      .returning(['attempts', 'window_start']),
  );
  let sincePurge = 0;

  async function attempt(key: string, limit: { max: number; windowMs: number }, at: number) {
    const result = await db.executeQuery(count({ key, at, expired: at - limit.windowMs }));
    const row = result.rows[0];
    if (!row || row.attempts <= limit.max) return 0;
    return Math.max(1, Math.ceil((row.window_start + limit.windowMs - at) / 1000));
  }

  return {
    /** Counts one sign-in attempt from `address` naming `email`; refused past either limit. */
    async admit(
      address: string,
      email: string,
      limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    ): Promise<SignInVerdict> {
      const at = now().getTime();
      const longest = Math.max(limits.perAddress.windowMs, limits.perAccount.windowMs);
      if (++sincePurge >= PURGE_EVERY) {
        sincePurge = 0;
        await db
          .deleteFrom('sign_in_attempts')
          .where('window_start', '<=', at - longest)
          .execute();
      }
      const waits = [
        await attempt(`address:${address}`, limits.perAddress, at),
        await attempt(`account:${email.trim().toLowerCase()}`, limits.perAccount, at),
      ];
      const wait = Math.max(...waits);
      return wait > 0 ? { allowed: false, retryAfterS: wait } : { allowed: true };
    },

    /** Counts one use of `key` (an invite preview or join from an address) against `limit`. */
    async admitKey(key: string, limit: { max: number; windowMs: number }): Promise<SignInVerdict> {
      const wait = await attempt(key, limit, now().getTime());
      return wait > 0 ? { allowed: false, retryAfterS: wait } : { allowed: true };
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
