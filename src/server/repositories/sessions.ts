// Managers' and admins' board sessions: the cookie's id stored only as its hash, with the CSRF token the
// board's forms carry. Expired sessions go as new ones come, so the table holds only live ones.
import type { Kysely } from 'kysely';
import { newToken, sha256 } from '../auth.ts';
import type { TeamDatabase } from '../db/connection.ts';
import { prepare } from '../db/prepared.ts';
import type { TeamSchema } from '../db/schema.ts';
import { type Manager, managerColumns, managerOf } from './accounts.ts';
import type { Admin } from './admin-accounts.ts';

export function createSessions(database: TeamDatabase, now: () => Date) {
  const { db } = database;

  /** A new session's id and CSRF token, stored (as the id's hash) by `insert` in a transaction. */
  async function open(
    ttlMs: number,
    insert: (
      tx: Kysely<TeamSchema>,
      row: { at: number; values: { id_hash: string; csrf: string; expires_at: number } },
    ) => Promise<void>,
  ): Promise<{ id: string; csrf: string }> {
    const id = newToken('s');
    const csrf = newToken('c');
    const at = now().getTime();
    await database.transaction((tx) =>
      insert(tx, { at, values: { id_hash: sha256(id), csrf, expires_at: at + ttlMs } }),
    );
    return { id, csrf };
  }

  // Compiled once: every request of an open board (its poll each second) looks its session up.
  const managerSession = prepare({ hash: '', at: 0 }, (p) =>
    managerColumns(db)
      .innerJoin('sessions as s', 's.manager_id', 'm.id')
      .select('s.csrf')
      .where('s.id_hash', '=', p.hash)
      .where('s.expires_at', '>', p.at),
  );

  return {
    async create(managerId: string, ttlMs: number): Promise<{ id: string; csrf: string }> {
      return open(ttlMs, async (tx, row) => {
        await tx.deleteFrom('sessions').where('expires_at', '<=', row.at).execute();
        await tx
          .insertInto('sessions')
          .values({ ...row.values, manager_id: managerId })
          .execute();
      });
    },

    async find(id: string): Promise<(Manager & { csrf: string }) | null> {
      const [row] = (
        await db.executeQuery(managerSession({ hash: sha256(id), at: now().getTime() }))
      ).rows;
      return row ? { ...managerOf(row), csrf: row.csrf } : null;
    },

    /** An admin's session (admin_sessions): the same cookie, another table. */
    async createAdmin(adminId: string, ttlMs: number): Promise<{ id: string; csrf: string }> {
      return open(ttlMs, async (tx, row) => {
        await tx.deleteFrom('admin_sessions').where('expires_at', '<=', row.at).execute();
        await tx
          .insertInto('admin_sessions')
          .values({ ...row.values, admin_id: adminId })
          .execute();
      });
    },

    async findAdmin(id: string): Promise<(Admin & { csrf: string }) | null> {
      const row = await db
        .selectFrom('admin_sessions as s')
        .innerJoin('admins as a', 'a.id', 's.admin_id')
        .select(['a.id', 'a.email', 's.csrf'])
        .where('s.id_hash', '=', sha256(id))
        .where('s.expires_at', '>', now().getTime())
        .where('a.revoked_at', 'is', null)
        .executeTakeFirst();
      return row ?? null;
    },

    /** Ends the session, a manager's or an admin's. */
    async delete(id: string): Promise<void> {
      const hash = sha256(id);
      await db.deleteFrom('sessions').where('id_hash', '=', hash).execute();
      await db.deleteFrom('admin_sessions').where('id_hash', '=', hash).execute();
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
