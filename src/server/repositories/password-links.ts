// One-time links that let a person set their own password: `/password/<secret>`, valid 72 h,
// used once, kept only as the secret's hash. Issuing a link for an account withdraws its earlier
// ones; setting the password ends the account's sessions.
import { newLinkSecret, sha256 } from '../auth.ts';
import type { TeamDatabase } from '../db/connection.ts';

export const PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;

export type PasswordAccount = { kind: 'admin'; id: string } | { kind: 'manager'; id: string };

export type LinkProblem = 'unknown' | 'used' | 'expired';

export const LINK_PROBLEMS: Record<LinkProblem, string> = {
  unknown:
    'This password link is not known here: it may have been replaced by a newer one. Ask your admin for a new link.',
  used: 'This password link was already used. Sign in, or ask your admin for a new link.',
  expired: 'This password link has expired (links last 72 hours). Ask your admin for a new one.',
};

export function createPasswordLinks(database: TeamDatabase, now: () => Date) {
  const { db } = database;

  const accountColumn = (account: PasswordAccount) =>
    account.kind === 'admin' ? ('admin_id' as const) : ('manager_id' as const);

  return {
    /** A new link for the account (its earlier links stop working); the secret, shown once. */
    async issue(account: PasswordAccount): Promise<{ secret: string; expiresAt: Date }> {
      const secret = newLinkSecret();
      const at = now();
      const expiresAt = new Date(at.getTime() + PASSWORD_LINK_TTL_MS);
      await database.transaction(async (tx) => {
        await tx
          .deleteFrom('password_links')
          .where(accountColumn(account), '=', account.id)
          .execute();
        await tx
          .insertInto('password_links')
          .values({
            secret_hash: sha256(secret),
            admin_id: account.kind === 'admin' ? account.id : null,
            manager_id: account.kind === 'manager' ? account.id : null,
            expires_at: expiresAt.getTime(),
            used_at: null,
            created_at: at.toISOString(),
          })
          .execute();
      });
      return { secret, expiresAt };
    },

    /** Whose password the link sets, and their email; or why it cannot be used. */
    async find(
      secret: string,
    ): Promise<
      { ok: true; account: PasswordAccount; email: string } | { ok: false; problem: LinkProblem }
    > {
      const row = await db
        .selectFrom('password_links as l')
        .leftJoin('admins as a', (j) =>
          j.onRef('a.id', '=', 'l.admin_id').on('a.revoked_at', 'is', null),
        )
        .leftJoin('managers as m', (j) =>
          j.onRef('m.id', '=', 'l.manager_id').on('m.revoked_at', 'is', null),
        )
        .select([
          'l.admin_id',
          'l.manager_id',
          'l.used_at',
          'l.expires_at',
          'a.email as admin_email',
          'm.email as manager_email',
        ])
        .where('l.secret_hash', '=', sha256(secret))
        .executeTakeFirst();
      if (!row) return { ok: false, problem: 'unknown' };
      if (row.used_at !== null) return { ok: false, problem: 'used' };
      if (row.expires_at <= now().getTime()) return { ok: false, problem: 'expired' };
      if (row.admin_id !== null && row.admin_email)
        return { ok: true, account: { kind: 'admin', id: row.admin_id }, email: row.admin_email };
      if (row.manager_id !== null && row.manager_email)
        return {
          ok: true,
          account: { kind: 'manager', id: row.manager_id },
          email: row.manager_email,
        };
      // The account was revoked since the link was made.
      return { ok: false, problem: 'unknown' };
    },

    /**
     * Uses the link to set the password (already hashed): one transaction marks it used, sets
     * the hash and ends the account's sessions. False when the link was used meanwhile.
     */
    async use(secret: string, account: PasswordAccount, passwordHash: string): Promise<boolean> {
      const at = now();
      return database.transaction(async (tx) => {
        const claimed = await tx
          .updateTable('password_links')
          .set({ used_at: at.toISOString() })
          .where('secret_hash', '=', sha256(secret))
          .where(accountColumn(account), '=', account.id)
          .where('used_at', 'is', null)
          .where('expires_at', '>', at.getTime())
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return false;
        if (account.kind === 'admin') {
          await tx
            .updateTable('admins')
            .set({ password_hash: passwordHash })
            .where('id', '=', account.id)
            .execute();
          await tx.deleteFrom('admin_sessions').where('admin_id', '=', account.id).execute();
        } else {
          await tx
            .updateTable('managers')
            .set({ password_hash: passwordHash })
            .where('id', '=', account.id)
            .execute();
          await tx.deleteFrom('sessions').where('manager_id', '=', account.id).execute();
        }
        return true;
      });
    },
  };
}

export type PasswordLinks = ReturnType<typeof createPasswordLinks>;
